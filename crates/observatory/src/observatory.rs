//! The observatory opened on a store: everything the resources read, loaded once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use galeon_claims::FileReport;
use galeon_facts::Fact;
use galeon_index::{Analysis, Index};
use galeon_indicators::Value;
use galeon_registry::LAC33;
use galeon_store::Manifest;

/// The claim files built in (the paper galeon starts from).
pub const CLAIMS: &[(&str, &str)] = &[(
    "claims/lu-2023.toml",
    include_str!("../../../claims/lu-2023.toml"),
)];

/// The translations of the built-in claim files' curated texts, by document id.
pub const CLAIM_TRANSLATIONS: &[(&str, &str, &str)] = &[(
    "lu-2023",
    "i18n/claims/lu-2023.toml",
    include_str!("../../../i18n/claims/lu-2023.toml"),
)];

/// Everything the resources read, loaded once from a store.
pub struct Observatory {
    /// The store folder.
    pub store: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// Indicator values by indicator id.
    pub values: HashMap<&'static str, Vec<Value>>,
    /// Curated facts.
    pub facts: Vec<Fact>,
    /// The default index, when it could be built.
    pub index: Option<Index>,
    /// Its uncertainty analysis.
    pub analysis: Option<Analysis>,
    /// Why the index is missing, if it is.
    pub index_error: Option<String>,
    /// Verdicts on the claim files.
    pub claims: Vec<FileReport>,
}

/// How much work opening does.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base samples of the index's uncertainty analysis (N·7 runs).
    pub uncertainty: usize,
    /// Claim files or folders read instead of the claims built in ([`CLAIMS`]).
    pub claims: Vec<PathBuf>,
    /// Whether to check claims at all: a command that only maps an indicator needs none.
    pub check_claims: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            uncertainty: 256,
            claims: vec![],
            check_claims: true,
        }
    }
}

/// Why the observatory could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// There is no store at the path.
    #[error("no store at {0}: build one with `galeon build --sources DIR --store {0}`")]
    NoStore(String),
    /// The indicators could not be computed from the store.
    #[error("computing the indicators: {0}")]
    Indicators(#[from] galeon_indicators::IndicatorError),
    /// A claim file is invalid (each problem with its file and line).
    #[error("the claim files: {0}")]
    Claims(String),
    /// The curated facts could not be loaded.
    #[error(transparent)]
    Facts(#[from] galeon_claims::FactsUnavailable),
}

impl Observatory {
    /// Loads the store's panel, builds the index and checks the claims.
    pub async fn load(store: &Path, options: Options) -> Result<Observatory, LoadError> {
        let manifest = galeon_store::read_manifest(store)
            .ok_or_else(|| LoadError::NoStore(store.display().to_string()))?;
        // The panel `galeon build` wrote while the manifest says it is current, else computed now.
        let panel = galeon_indicators::panel(store, &[]).await?;
        let files = match options.check_claims {
            true => claim_files(&options.claims).map_err(LoadError::Claims)?,
            false => Vec::new(),
        };
        let data = galeon_claims::Data::fetch_with(store, &files, Some(&panel)).await?;
        let facts = data.facts.clone();
        let values = by_indicator(panel);
        let (index, analysis, index_error) = match build_index(&values, options.uncertainty) {
            Ok((i, a)) => (Some(i), Some(a), None),
            Err(e) => (None, None, Some(e)),
        };
        let claims = (files.iter())
            .map(|f| galeon_claims::evaluate(f, &data))
            .collect();
        Ok(Observatory {
            store: store.to_path_buf(),
            manifest,
            values,
            facts,
            index,
            analysis,
            index_error,
            claims,
        })
    }

    /// Sources and releases of the store, for provenance.
    pub fn releases(&self) -> Vec<String> {
        releases(&self.manifest)
    }

    /// When the store was built.
    pub fn built_at(&self) -> &str {
        &self.manifest.built_at
    }

    /// `table` as read from this store: its build time, and the store's releases as sources
    /// where the resource named none of its own.
    pub fn stamped(&self, table: crate::Table) -> crate::Table {
        stamped(table, &self.manifest)
    }

    /// What a country profile reads.
    pub fn profile_inputs(&self) -> crate::resources::ProfileInputs<'_> {
        crate::resources::ProfileInputs {
            values: &self.values,
            facts: &self.facts,
            index: self.index.as_ref().map(|i| (i, self.analysis.as_ref())),
            claims: &self.claims,
            manifest: &self.manifest,
        }
    }

    /// The index and its analysis, or why there is none.
    pub fn index(&self) -> Result<(&Index, Option<&Analysis>), crate::Error> {
        match &self.index {
            Some(index) => Ok((index, self.analysis.as_ref())),
            None => Err(crate::Error::NotFound(
                self.index_error.clone().unwrap_or_default(),
            )),
        }
    }
}

/// The store's datasets that have files, with their releases.
pub fn releases(manifest: &Manifest) -> Vec<String> {
    (manifest.datasets.iter())
        .filter(|d| !d.files.is_empty())
        .map(|d| format!("{} ({})", d.id, d.releases()))
        .collect()
}

/// `table` as read from the store of `manifest` (see [`Observatory::stamped`]).
pub fn stamped(mut table: crate::Table, manifest: &Manifest) -> crate::Table {
    table.store_built_at = Some(manifest.built_at.clone());
    if table.sources.is_empty() {
        table.sources = releases(manifest);
    }
    table
}

/// Values grouped by indicator id.
pub fn by_indicator(panel: Vec<Value>) -> HashMap<&'static str, Vec<Value>> {
    let mut values: HashMap<&'static str, Vec<Value>> = HashMap::new();
    for v in panel {
        values.entry(v.indicator).or_default().push(v);
    }
    values
}

fn claim_files(paths: &[PathBuf]) -> Result<Vec<galeon_claims::ClaimFile>, String> {
    let said = |e: Vec<galeon_claims::ClaimError>| {
        let lines: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        lines.join("; ")
    };
    if paths.is_empty() {
        (CLAIMS.iter())
            .map(|(name, text)| galeon_claims::load_str(name, text).map_err(said))
            .collect()
    } else {
        galeon_claims::load_paths(paths).map_err(said)
    }
}

fn build_index(
    values: &HashMap<&'static str, Vec<Value>>,
    uncertainty: usize,
) -> Result<(Index, Analysis), String> {
    let config = galeon_index::parse(
        "default index configuration",
        galeon_index::DEFAULT,
        &|id| galeon_indicators::find(id).is_some(),
    )
    .map_err(|e| {
        let lines: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        lines.join("; ")
    })?;
    let index = index_with(values, &config)?;
    let design = galeon_index::Design::saltelli(uncertainty.max(2), config.uncertainty.seed);
    let analysis = galeon_index::analyse(&index, &design, &[], 100);
    Ok((index, analysis))
}

/// The index `config` declares, over the panel's values for the 33 LAC states.
pub fn index_with(
    values: &HashMap<&'static str, Vec<Value>>,
    config: &galeon_index::Config,
) -> Result<Index, String> {
    let countries: Vec<String> = LAC33.iter().map(|c| c.to_string()).collect();
    let rows = values.values().flatten().map(|v| {
        let dimension = v.dimension.as_deref();
        (v.indicator, dimension, v.country.as_str(), v.year, v.value)
    });
    let inputs =
        galeon_index::Inputs::for_config(config, rows, &countries).map_err(|e| e.to_string())?;
    Index::new(config, &inputs, &countries).map_err(|e| e.to_string())
}
