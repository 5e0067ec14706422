//! The profile texts in SQL. SQLite: an FTS5 table (contentless: only the index, as tantivy keeps
//! it; `unicode61` tokens). PostgreSQL: a `tsvector` per profile with a GIN index, in the `simple`
//! configuration (lowercase words, no stemming, no stop words). Both split the synthetic texts
//! into the same words as tantivy, so "every word must match" selects the same candidates.

use crate::sql::SqlHandle;
use crate::sql_query::Dialect;
use crate::{BenchError, Progress};
use sqlx::{Executor, QueryBuilder};

/// Text rows per SQLite statement (2 parameters each) and transaction.
const SQLITE_BATCH: usize = 5_000;
/// Text rows per PostgreSQL transaction (sent as arrays).
const PG_BATCH: usize = 10_000;

fn sql_err(what: &'static str) -> impl Fn(sqlx::Error) -> BenchError {
    move |e| BenchError::Sql(format!("{what}: {e}"))
}

/// Creates the text table, loads `texts[i]` as profile `i + 1`'s text, then indexes it.
/// Runs after the profiles are loaded (the PostgreSQL foreign key is checked once, at the end).
pub async fn load(
    handle: &SqlHandle,
    texts: &[String],
    progress: &dyn Progress,
) -> Result<(), BenchError> {
    progress.start("load texts", texts.len() as u64);
    match handle {
        SqlHandle::Sqlite(pool) => {
            let err = sql_err("sqlite: load texts");
            pool.execute(
                "CREATE VIRTUAL TABLE profile_text USING fts5(body, content='', tokenize='unicode61')",
            )
            .await
            .map_err(&err)?;
            for (batch_no, batch) in texts.chunks(SQLITE_BATCH).enumerate() {
                let first = batch_no * SQLITE_BATCH;
                let mut tx = pool.begin().await.map_err(&err)?;
                let mut q = QueryBuilder::new("INSERT INTO profile_text (rowid, body) ");
                q.push_values(batch.iter().enumerate(), |mut b, (j, text)| {
                    b.push_bind((first + j + 1) as i64).push_bind(text.as_str());
                });
                q.build().execute(&mut *tx).await.map_err(&err)?;
                tx.commit().await.map_err(&err)?;
                progress.inc(batch.len() as u64);
            }
        }
        SqlHandle::Postgres(pool) => {
            let err = sql_err("postgres: load texts");
            pool.execute(
                "CREATE TABLE profile_text (profile_id integer PRIMARY KEY, body tsvector NOT NULL)",
            )
            .await
            .map_err(&err)?;
            for (batch_no, batch) in texts.chunks(PG_BATCH).enumerate() {
                let first = batch_no * PG_BATCH;
                let ids: Vec<i32> = (0..batch.len()).map(|j| (first + j + 1) as i32).collect();
                let mut tx = pool.begin().await.map_err(&err)?;
                sqlx::query(
                    "INSERT INTO profile_text (profile_id, body) \
                     SELECT id, to_tsvector('simple', body) FROM UNNEST($1::int4[], $2::text[]) AS t (id, body)",
                )
                .bind(ids)
                .bind(batch)
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
                tx.commit().await.map_err(&err)?;
                progress.inc(batch.len() as u64);
            }
            for ddl in [
                "ALTER TABLE profile_text ADD FOREIGN KEY (profile_id) REFERENCES profiles (id)",
                "CREATE INDEX profile_text_body ON profile_text USING GIN (body)",
            ] {
                pool.execute(ddl)
                    .await
                    .map_err(sql_err("postgres: index texts"))?;
            }
        }
    }
    progress.finish();
    Ok(())
}

/// The bound value of a text search: FTS5 query syntax with each word quoted (so that no word is
/// read as an operator such as NOT), or the words for `plainto_tsquery`, which ANDs them.
pub fn text_param(dialect: Dialect, words: &[String]) -> String {
    match dialect {
        Dialect::Sqlite => words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" "),
        Dialect::Postgres => words.join(" "),
    }
}

/// The text as a hard filter on `p`, with its parameter's placeholder.
pub fn text_filter(dialect: Dialect, mark: &str) -> String {
    match dialect {
        Dialect::Sqlite => {
            format!("p.id IN (SELECT rowid FROM profile_text WHERE profile_text MATCH {mark})")
        }
        Dialect::Postgres => format!(
            "p.id IN (SELECT profile_id FROM profile_text WHERE body @@ plainto_tsquery('simple', {mark}))"
        ),
    }
}

/// The text for a scored query: a `WITH` clause finding the hits and the best one, the join
/// that keeps only the hits, and each hit's relevance (0-1, rank over the best rank, as the
/// engine gets it). SQLite's `bm25()` is negative, better when lower; `ts_rank` is positive.
pub fn text_join(dialect: Dialect, mark: &str) -> (String, &'static str, &'static str) {
    let join = "JOIN t ON t.profile_id = p.id CROSS JOIN best";
    match dialect {
        Dialect::Sqlite => (
            format!(
                "WITH t AS MATERIALIZED (SELECT rowid AS profile_id, bm25(profile_text) AS s FROM profile_text \
                 WHERE profile_text MATCH {mark}),\nbest AS (SELECT MIN(s) AS b FROM t)\n"
            ),
            join,
            "(CASE WHEN best.b < 0 THEN t.s / best.b ELSE 1.0 END)",
        ),
        Dialect::Postgres => (
            format!(
                "WITH t AS (SELECT profile_id, ts_rank(body, plainto_tsquery('simple', {mark}))::float8 AS s \
                 FROM profile_text WHERE body @@ plainto_tsquery('simple', {mark})),\n\
                 best AS (SELECT MAX(s) AS b FROM t)\n"
            ),
            join,
            "(CASE WHEN best.b > 0 THEN t.s / best.b ELSE 1.0 END)",
        ),
    }
}
