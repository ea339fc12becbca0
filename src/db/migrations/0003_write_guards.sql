CREATE TABLE `write_guards` (
	`must_not_be_null` integer NOT NULL
);
