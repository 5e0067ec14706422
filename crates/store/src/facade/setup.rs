//! `Store` methods for installation-wide data: uploaded market data files and the one-shot
//! demo data set.

use crate::{demo, records, Backend, Result, Store};
use hireloop_core::ids::UserId;
use records::MarketFile;

impl Store {
    /// The market data files admins uploaded, by name.
    pub async fn list_market_files(&self) -> Result<Vec<MarketFile>> {
        dispatch!(self.list_market_files())
    }
    /// Stores an uploaded market data file, replacing an earlier upload of the same name.
    pub async fn put_market_file(
        &self,
        name: &str,
        content: &str,
        uploaded_by: Option<UserId>,
    ) -> Result<MarketFile> {
        dispatch!(self.put_market_file(name, content, uploaded_by))
    }
    /// Removes an uploaded file; `NotFound` if there is none of that name.
    pub async fn delete_market_file(&self, name: &str) -> Result<()> {
        dispatch!(self.delete_market_file(name))
    }

    pub async fn load_demo(&self, demo: &demo::DemoSet) -> Result<demo::DemoOutcome> {
        dispatch!(self.load_demo(demo))
    }
}
