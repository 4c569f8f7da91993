-- Today counts the birthdays of the next two weeks on person_birthday
-- alone: it now holds the year a birthday was dismissed for (s on Today),
-- which the count reads. Without it the count read the row of everyone
-- born in the month: on a book of 20,000 people, 570 pages of a cold
-- start's 2,600.
DROP INDEX person_birthday;
CREATE INDEX person_birthday ON person (bday_month, bday_day, account_id, bday_dismissed_year) WHERE bday_month > 0 AND archived_at IS NULL;
