-- Faster prompt search and listing (bench/prompts.ts): the FTS5 table is rebuilt with prefix indexes for
-- 2- and 3-character prefixes (a user typing "se" or "sec" matches thousands of terms otherwise), and
-- composite indexes serve "newest first" and "category + active, newest first" pages (with the id
-- tie-break) and their counts without a sort.
DROP TRIGGER IF EXISTS prompt_fts_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS prompt_fts_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS prompt_fts_au;
--> statement-breakpoint
DROP TABLE IF EXISTS prompt_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE prompt_fts USING fts5(
  name, description, system_prompt, user_prompt_template,
  content='prompt_library', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3'
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
--> statement-breakpoint
CREATE INDEX idx_prompt_library_category_active_updated ON prompt_library (category, is_active, updated_at, id);
--> statement-breakpoint
CREATE INDEX idx_prompt_library_updated_id ON prompt_library (updated_at, id);
