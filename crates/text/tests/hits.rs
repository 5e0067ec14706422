//! Both ways of finding a text's hits give the same slots and the same scores: sought among the
//! survivors, or every match walked and then cut to the survivors. Over several segments, with
//! updated (deleted and re-added) documents, and with a candidate the matching index took after
//! the tables were made.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use hireloop_match::synth::{profile_texts, PoolGenerator};
use hireloop_match::{Index, Profile, Taxonomy, TextHits};
use hireloop_text::{SlotTables, ID_HI, ID_LO};
use roaring::RoaringBitmap;
use std::sync::Arc;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, STRING, TEXT};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

struct Text {
    reader: IndexReader,
    writer: IndexWriter,
    key: Field,
    body: Field,
    id_hi: Field,
    id_lo: Field,
}

impl Text {
    fn new() -> Self {
        let mut b = Schema::builder();
        let key = b.add_text_field("key", STRING);
        let id_hi = b.add_u64_field(ID_HI, FAST);
        let id_lo = b.add_u64_field(ID_LO, FAST);
        let body = b.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_ram(b.build());
        let writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .unwrap();
        Self {
            reader,
            writer,
            key,
            body,
            id_hi,
            id_lo,
        }
    }

    /// Adds (or replaces) a profile's text.
    fn put(&mut self, p: &Profile, text: &str) {
        let id = p.id.as_uuid();
        self.writer
            .delete_term(Term::from_field_text(self.key, &id.to_string()));
        let mut doc = TantivyDocument::default();
        doc.add_text(self.key, id.to_string());
        doc.add_u64(self.id_hi, (id.as_u128() >> 64) as u64);
        doc.add_u64(self.id_lo, id.as_u128() as u64);
        doc.add_text(self.body, text);
        self.writer.add_document(doc).unwrap();
    }

    /// Commits and sees the commit: one more segment.
    fn commit(&mut self) {
        self.writer.commit().unwrap();
        self.reader.reload().unwrap();
    }

    fn query(&self, words: &[&str]) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|w| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.body, w),
                        IndexRecordOption::WithFreqs,
                    ));
                    (Occur::Must, q)
                })
                .collect(),
        ))
    }
}

fn sorted(hits: &TextHits, keep: &RoaringBitmap) -> Vec<(u32, f32)> {
    let (TextHits::Slots(s) | TextHits::Survivors(s)) = hits else {
        panic!("hits by slot expected, got {hits:?}")
    };
    let mut v: Vec<_> = s
        .hits
        .iter()
        .copied()
        .filter(|(slot, _)| keep.contains(*slot))
        .collect();
    v.sort_by_key(|(slot, _)| *slot);
    v
}

/// Every `step`-th slot of the pool, from `from`.
fn every(step: u32, from: u32, n: u32) -> RoaringBitmap {
    (from..n).step_by(step as usize).collect()
}

#[test]
fn sought_among_survivors_or_walked_in_full_the_hits_are_the_same() {
    let taxonomy = Arc::new(Taxonomy::shipped().unwrap());
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let pool = PoolGenerator::pool(&taxonomy, 11, today, 4_000).unwrap();
    let texts = profile_texts(11, &pool);
    let (late, early) = pool.split_last().unwrap();
    let (mut index, _) = Index::build(taxonomy.clone(), early);
    let mut text = Text::new();
    // Four segments, and the first 200 profiles' texts replaced in the last one (the old
    // documents stay behind, deleted).
    for (chunk, part) in pool.chunks(1_000).zip(texts.chunks(1_000)) {
        for (p, t) in chunk.iter().zip(part) {
            text.put(p, t);
        }
        text.commit();
    }
    for (p, t) in pool.iter().zip(&texts).take(200) {
        text.put(p, &format!("{t} rewritten"));
    }
    text.commit();
    let searcher = text.reader.searcher();
    assert!(searcher.segment_readers().len() >= 4, "several segments");
    let tables = SlotTables::default();
    tables.prepare(&searcher, &index).unwrap();
    // The last profile reaches the matching index only now: its document had no slot.
    index.upsert(late).unwrap();

    // The most common words of the generated texts, alone and together, and a rarer one.
    let mut freq: std::collections::HashMap<&str, usize> = Default::default();
    for t in &texts {
        let mut words: Vec<&str> = t.split_whitespace().collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *freq.entry(w).or_default() += 1;
        }
    }
    let mut common: Vec<(&str, usize)> = freq.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let queries: Vec<Vec<&str>> = vec![
        vec![common[0].0],
        vec![common[1].0],
        vec![common[0].0, common[2].0],
        vec!["rewritten"],
    ];
    let n = index.slot_count() as u32;
    let mut sought = 0;
    for words in &queries {
        let q = text.query(words);
        let all = tables.hits(&searcher, q.as_ref(), &index, None).unwrap();
        assert!(
            matches!(all, TextHits::Slots(_)),
            "no survivors: every match"
        );
        let everyone = every(1, 0, n);
        let all_sorted = sorted(&all, &everyone);
        // Each candidate once: the replaced documents are not hits.
        let mut slots: Vec<u32> = all_sorted.iter().map(|(s, _)| *s).collect();
        slots.dedup();
        assert_eq!(slots.len(), all_sorted.len(), "{words:?}");
        for survivors in [every(97, 3, n), every(13, 0, n), every(1, 0, n)] {
            let hits = tables
                .hits(&searcher, q.as_ref(), &index, Some(&survivors))
                .unwrap();
            if matches!(hits, TextHits::Survivors(_)) {
                sought += 1;
            }
            assert_eq!(
                sorted(&hits, &survivors),
                sorted(&all, &survivors),
                "{words:?}, {} survivors",
                survivors.len()
            );
        }
    }
    // The late candidate's text is found by id.
    let late_slot = index.slot_of(late.id).unwrap();
    let late_word = texts.last().unwrap().split_whitespace().next().unwrap();
    let q = text.query(&[late_word]);
    let only_late: RoaringBitmap = [late_slot].into_iter().collect();
    let hits = tables
        .hits(&searcher, q.as_ref(), &index, Some(&only_late))
        .unwrap();
    assert_eq!(sorted(&hits, &only_late).len(), 1);
    // The few-survivors cases took the seeking way, so both ways were compared.
    assert!(
        sought >= 6,
        "only {sought} queries were sought among survivors"
    );
    assert!(tables.bytes() > 0);
}
