-- A linked person's opening: a paragraph written to them that opens their
-- own version of the brief. The framing beside it stays ours.

ALTER TABLE brief_person ADD COLUMN opening TEXT NOT NULL DEFAULT '';
