-- The search rows keep, instead of the free half-hour cells, the cells where a 60-minute session
-- can start (that half hour and the next free: a cell and its left shift ANDed), and the
-- approaches and focus areas as bits too (bit i for the vocabulary's slug i, in
-- app/domain/reference/vocabulary.ts's order as of this migration), so that matching's score is
-- cheaper to work out (docs/performance.md). Worked out from the rows already there: no rebuild.
ALTER TABLE "TherapistSearch" RENAME COLUMN "freeCells" TO "startCells";
UPDATE "TherapistSearch" SET "startCells" = "startCells" & ("startCells" << 1);

ALTER TABLE "TherapistSearch" ADD COLUMN "modalityBits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "focusAreaBits" INTEGER NOT NULL DEFAULT 0;
UPDATE "TherapistSearch" s SET
	"modalityBits" = (SELECT coalesce(sum(DISTINCT 1 << (i - 1)), 0) FROM unnest(s.modalities) m,
		array_position('{cbt,dbt,act,emdr,ifs,somatic,psychodynamic,humanistic,trauma_informed,mindfulness,family_systems,motivational_interviewing,existential}'::text[], m) i),
	"focusAreaBits" = (SELECT coalesce(sum(DISTINCT 1 << (i - 1)), 0) FROM unnest(s."focusAreas") f,
		array_position('{depression,treatment_resistant_depression,anxiety,ptsd,ocd,bipolar_stable,chronic_pain,substance_use_history,grief,existential_distress,life_transitions,eating_disorders}'::text[], f) i);
ALTER TABLE "TherapistSearch" ALTER COLUMN "modalityBits" DROP DEFAULT,
ALTER COLUMN "focusAreaBits" DROP DEFAULT;
