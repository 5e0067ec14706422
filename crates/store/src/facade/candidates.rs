//! `Store` methods for candidates: profiles, batched imports, vetting and resume documents.

use crate::{records, Backend, Result, Store};
use hireloop_core::authz::Visibility;
use hireloop_core::candidate::{Candidate, NewCandidate};
use hireloop_core::email::Email;
use hireloop_core::ids::{CandidateId, UserId};
use hireloop_core::page::{Page, PageRequest};

impl Store {
    pub async fn create_candidate(&self, new: &NewCandidate) -> Result<Candidate> {
        dispatch!(self.create_candidate(new))
    }
    pub async fn candidate(
        &self,
        visibility: &Visibility,
        id: CandidateId,
    ) -> Result<Option<Candidate>> {
        dispatch!(self.candidate(visibility, id))
    }
    pub async fn list_candidates(
        &self,
        visibility: &Visibility,
        page: &PageRequest,
    ) -> Result<Page<Candidate>> {
        dispatch!(self.list_candidates(visibility, page))
    }
    /// Up to `limit` candidates with an id above `after`, lowest id first, ignoring visibility:
    /// for the matching index, which the server builds for everyone and filters per request.
    pub async fn candidates_after(
        &self,
        after: Option<CandidateId>,
        limit: i64,
    ) -> Result<Vec<Candidate>> {
        dispatch!(self.candidates_after(after, limit))
    }

    /// The candidate with this email, ignoring visibility: imports match records by email.
    pub async fn candidate_by_email(&self, email: &Email) -> Result<Option<Candidate>> {
        dispatch!(self.candidate_by_email(email))
    }
    /// Replaces a candidate's fields (an import's update); the id and creation time stay.
    pub async fn update_candidate(&self, id: CandidateId, new: &NewCandidate) -> Result<Candidate> {
        dispatch!(self.update_candidate(id, new))
    }

    // ---- candidate imports, batched (issue #5) ---------------------------------------------

    /// Stores a batch of imported candidates (distinct emails) in one transaction with multi-row
    /// INSERTs: a new email is `Imported`, a known one `Updated` when the record differs (keeping
    /// what it leaves unstated) or `Unchanged`; results in batch order. A concurrent insert of one
    /// of the emails is `Conflict` on `email` and nothing of the batch is kept.
    pub async fn import_candidates(
        &self,
        batch: Vec<NewCandidate>,
    ) -> Result<Vec<hireloop_core::import::StoredRecord>> {
        dispatch!(self.import_candidates(batch))
    }

    // ---- candidate profile: vetting (issue #5) ----------------------------------------------

    /// Moves the candidate's vetting status by the core rule and records who, when and why, in one
    /// transaction. A move the rule forbids, or a status changed meanwhile, is `Conflict` on
    /// `status`; no such candidate is `NotFound`.
    pub async fn set_vetting(
        &self,
        candidate: CandidateId,
        to: hireloop_core::candidate_profile::VettingStatus,
        actor: Option<UserId>,
        note: Option<&hireloop_core::text::Reason>,
    ) -> Result<Candidate> {
        dispatch!(self.set_vetting(candidate, to, actor, note))
    }
    /// The candidate's vetting changes, oldest first.
    pub async fn vetting_history(
        &self,
        candidate: CandidateId,
    ) -> Result<Vec<hireloop_core::candidate_profile::VettingEvent>> {
        dispatch!(self.vetting_history(candidate))
    }

    // ---- resume documents (issue #5) -----------------------------------------------------------

    /// Stores a resume document, or returns the one already stored for the same candidate and
    /// file hash (`false`: nothing written). No such candidate is `NotFound`.
    pub async fn add_resume_document(
        &self,
        new: &records::NewResumeDocument,
    ) -> Result<(records::ResumeDocument, bool)> {
        dispatch!(self.add_resume_document(new))
    }
    /// The candidate's documents, newest first, without their text.
    pub async fn resume_documents(
        &self,
        candidate: CandidateId,
    ) -> Result<Vec<records::ResumeDocument>> {
        dispatch!(self.resume_documents(candidate))
    }
    /// One of the candidate's documents with its text.
    pub async fn resume_document(
        &self,
        candidate: CandidateId,
        id: uuid::Uuid,
    ) -> Result<Option<records::ResumeDocument>> {
        dispatch!(self.resume_document(candidate, id))
    }
}
