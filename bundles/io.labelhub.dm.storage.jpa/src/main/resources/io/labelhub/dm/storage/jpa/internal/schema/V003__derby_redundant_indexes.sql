-- Derby gives every foreign key a backing index on its columns, so on Derby these three only duplicated
-- them and slowed every insert. PostgreSQL creates no such indexes and keeps them.

/*derby*/ DROP INDEX ix_completion_task;
/*derby*/ DROP INDEX ix_completion_user;
/*derby*/ DROP INDEX ix_prediction_task;
