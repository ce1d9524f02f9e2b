-- Faster prompt search (bench/prompts.ts): ranking needs each match's tsvector, and recomputing it from the
-- texts for every matching row dominated search time. The vector is now stored in a side table (the
-- prompt_library columns stay exactly those of the schema files), kept in sync by a trigger, with the GIN
-- index on it. Composite indexes serve "newest first" and "category + active, newest first" pages (with
-- the id tie-break) without a sort.
DROP INDEX IF EXISTS idx_prompt_library_search;
--> statement-breakpoint
CREATE TABLE prompt_search (
  prompt_id integer PRIMARY KEY REFERENCES prompt_library(id) ON DELETE CASCADE,
  tsv tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX idx_prompt_search_tsv ON prompt_search USING gin (tsv);
--> statement-breakpoint
INSERT INTO prompt_search (prompt_id, tsv)
  SELECT id, codetune_prompt_tsv(name, description, system_prompt, user_prompt_template) FROM prompt_library;
--> statement-breakpoint
CREATE FUNCTION codetune_prompt_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prompt_search (prompt_id, tsv)
  VALUES (NEW.id, public.codetune_prompt_tsv(NEW.name, NEW.description, NEW.system_prompt, NEW.user_prompt_template))
  ON CONFLICT (prompt_id) DO UPDATE SET tsv = excluded.tsv;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER prompt_search_ins AFTER INSERT ON prompt_library
  FOR EACH ROW EXECUTE FUNCTION codetune_prompt_search_sync();
--> statement-breakpoint
CREATE TRIGGER prompt_search_upd AFTER UPDATE OF name, description, system_prompt, user_prompt_template ON prompt_library
  FOR EACH ROW EXECUTE FUNCTION codetune_prompt_search_sync();
--> statement-breakpoint
CREATE INDEX idx_prompt_library_category_active_updated ON prompt_library (category, is_active, updated_at, id);
--> statement-breakpoint
CREATE INDEX idx_prompt_library_updated_id ON prompt_library (updated_at, id);
