//! The observatory being served, replaceable while serving: `galeon serve` loads the store once
//! and answers from memory, so a build that replaces the store's files meanwhile changes nothing
//! it serves; told to reload (SIGHUP), it loads the new store and swaps it in whole, and the
//! answers kept for the old one are dropped. A request sees one observatory from start to end.

use std::sync::{Arc, RwLock};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use galeon_observatory::Observatory;

use crate::cache::Cache;

/// The observatory served now, and the answers kept for it.
pub struct Live {
    observatory: RwLock<Arc<Observatory>>,
    pub(crate) cache: Arc<Cache>,
    /// A data release (`galeon release`) offered for download, if one was given.
    pub release: Option<crate::release::ReleaseDir>,
}

impl Live {
    /// Serves `observatory`.
    pub fn new(observatory: Arc<Observatory>) -> Arc<Live> {
        Live::with_release(observatory, None)
    }

    /// Serves `observatory`, and the files of `release` under /release/.
    pub fn with_release(
        observatory: Arc<Observatory>,
        release: Option<crate::release::ReleaseDir>,
    ) -> Arc<Live> {
        Arc::new(Live {
            observatory: RwLock::new(observatory),
            cache: Arc::new(Cache::default()),
            release,
        })
    }

    /// The observatory served now.
    pub fn current(&self) -> Arc<Observatory> {
        match self.observatory.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Serves `observatory` from now on; requests under way finish with the one they started
    /// with. The answers kept for the previous one are dropped.
    pub fn replace(&self, observatory: Observatory) {
        let fresh = Arc::new(observatory);
        match self.observatory.write() {
            Ok(mut current) => *current = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        self.cache.clear();
    }
}

/// The observatory a request is answered from (taken once, when the request starts).
pub struct Current(pub Arc<Observatory>);

impl FromRequestParts<Arc<Live>> for Current {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_: &mut Parts, live: &Arc<Live>) -> Result<Self, Self::Rejection> {
        Ok(Current(live.current()))
    }
}
