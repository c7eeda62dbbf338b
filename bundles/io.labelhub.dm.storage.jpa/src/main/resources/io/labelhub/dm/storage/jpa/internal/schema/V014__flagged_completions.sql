-- Why a lenient import kept a completion whose result does not fit the labeling config (null: it fits, or was
-- checked strictly).
ALTER TABLE completion ADD COLUMN flagged VARCHAR(2000);
