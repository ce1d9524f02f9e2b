-- Full-text search over prompts (name, description, templates): a GIN index over a tsvector expression
-- (an expression index rather than a column, so the table keeps exactly the columns of the schema files;
-- queries must use the same expression, codetune_prompt_tsv(name, description, system_prompt, user_prompt_template)).
-- The 'simple' configuration does no stemming, like SQLite's unicode61 tokenizer. PostgreSQL's parser
-- would keep hosts, paths and versions ("a.b", "/usr/bin", "1.2") as single tokens and drop tag-like text;
-- codetune_search_text first turns ASCII punctuation into spaces so both dialects see the same words.
-- Each text is indexed up to 100,000 characters (a tsvector is capped at 1 MB).
CREATE FUNCTION codetune_search_text(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT regexp_replace(left(t, 100000), '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+', ' ', 'g') $$;
--> statement-breakpoint
CREATE FUNCTION codetune_prompt_tsv(name text, description text, system_prompt text, user_prompt_template text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('simple'::regconfig, public.codetune_search_text(name)), 'A')
            || setweight(to_tsvector('simple'::regconfig, public.codetune_search_text(description)), 'B')
            || setweight(to_tsvector('simple'::regconfig, public.codetune_search_text(system_prompt) || ' ' || public.codetune_search_text(user_prompt_template)), 'C') $$;
--> statement-breakpoint
CREATE INDEX idx_prompt_library_search ON prompt_library
  USING gin (codetune_prompt_tsv(name, description, system_prompt, user_prompt_template));
