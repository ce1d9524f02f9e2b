-- Full-text search over prompts (name, description, templates) with FTS5, kept in sync by triggers.
-- unicode61 without diacritic removal splits on everything that is not a letter or digit, which is what
-- the PostgreSQL side does (see drizzle/postgres/0001_prompt_search.sql), so both find the same prompts.
-- Each text is indexed up to 100,000 characters on both sides (PostgreSQL caps a tsvector at 1 MB).
CREATE VIRTUAL TABLE prompt_fts USING fts5(
  name, description, system_prompt, user_prompt_template,
  content='prompt_library', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
INSERT INTO prompt_fts(rowid, name, description, system_prompt, user_prompt_template)
  SELECT id, name, substr(description, 1, 100000), substr(system_prompt, 1, 100000), substr(user_prompt_template, 1, 100000) FROM prompt_library;
--> statement-breakpoint
CREATE TRIGGER prompt_fts_ai AFTER INSERT ON prompt_library BEGIN
  INSERT INTO prompt_fts(rowid, name, description, system_prompt, user_prompt_template)
  VALUES (new.id, new.name, substr(new.description, 1, 100000), substr(new.system_prompt, 1, 100000), substr(new.user_prompt_template, 1, 100000));
END;
--> statement-breakpoint
CREATE TRIGGER prompt_fts_ad AFTER DELETE ON prompt_library BEGIN
  INSERT INTO prompt_fts(prompt_fts, rowid, name, description, system_prompt, user_prompt_template)
  VALUES ('delete', old.id, old.name, substr(old.description, 1, 100000), substr(old.system_prompt, 1, 100000), substr(old.user_prompt_template, 1, 100000));
END;
--> statement-breakpoint
CREATE TRIGGER prompt_fts_au AFTER UPDATE OF name, description, system_prompt, user_prompt_template ON prompt_library BEGIN
  INSERT INTO prompt_fts(prompt_fts, rowid, name, description, system_prompt, user_prompt_template)
  VALUES ('delete', old.id, old.name, substr(old.description, 1, 100000), substr(old.system_prompt, 1, 100000), substr(old.user_prompt_template, 1, 100000));
  INSERT INTO prompt_fts(rowid, name, description, system_prompt, user_prompt_template)
  VALUES (new.id, new.name, substr(new.description, 1, 100000), substr(new.system_prompt, 1, 100000), substr(new.user_prompt_template, 1, 100000));
END;
