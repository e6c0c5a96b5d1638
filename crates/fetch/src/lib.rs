/*!
`galeon fetch`: every dataset from where its declaration says it is obtained
([`galeon_sources::obtain::Obtain`]), into a sources folder in exactly the layout the connectors
read, so that `galeon build --sources DIR` just works.

- [`plan`] turns the declarations into steps: files to download (with the checksum they must
  have, when pinned), API queries, and datasets a person must fetch by hand;
- [`run`] carries them out with [`http::Client`] (resume, retries, checksums, atomic moves) and
  records every file in the fetch log ([`galeon_sources::fetched::FetchLog`]);
- [`Hosts`] says where each host is: the publisher by default, a mirror or a test's local
  server when configured.
*/

mod comtrade;
mod dataverse;
mod gdelt;
pub mod http;
mod imts;
mod worldbank;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use galeon_sources::fetched::{FetchLog, Fetched, LISTINGS_DIR, PARTIAL_DIR};
use galeon_sources::obtain::{pinned_files, Host, Obtain};
use galeon_sources::Dataset;

pub use http::{Checksum, Client, Policy};

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// A file could not be written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The publisher answered with an error status.
    #[error("{url}: HTTP {status}{}", if body.is_empty() { String::new() } else { format!(": {body}") })]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
        /// The start of the answer's body.
        body: String,
    },
    /// HTTP 204: the IMF's answer to a dataflow or query it does not know.
    #[error("{url}: HTTP 204 No Content — the publisher knows no such dataset or query")]
    NoContent {
        /// The URL.
        url: String,
    },
    /// Retries exhausted.
    #[error("{url}: gave up after {attempts} attempts (last: {last})")]
    GaveUp {
        /// The URL.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// Why the last one failed.
        last: String,
    },
    /// The file arrived whole but is not the one declared.
    #[error("{url}: {algorithm} {got}, expected {expected}; the file was not kept")]
    Checksum {
        /// The URL.
        url: String,
        /// The checksum's algorithm (SHA-256, MD5).
        algorithm: &'static str,
        /// The declared checksum.
        expected: String,
        /// What arrived.
        got: String,
    },
    /// An answer with a success status that is really an error, or not what was asked for.
    #[error("{url}: {message}")]
    Invalid {
        /// The URL.
        url: String,
        /// What is wrong with it.
        message: String,
    },
    /// A declaration or configuration problem.
    #[error("{0}")]
    Config(String),
}

/// Where each host is.
#[derive(Debug, Clone)]
pub struct Hosts(BTreeMap<Host, String>);

impl Hosts {
    /// Every host at its publisher's address.
    pub fn publishers() -> Hosts {
        Hosts(Host::ALL.map(|h| (h, h.default_base().to_string())).into())
    }

    /// Every host under one mirror: `MIRROR/<host name>/…` (an institution's copy, or a test's
    /// local server).
    pub fn mirror(base: &str) -> Hosts {
        let base = base.trim_end_matches('/');
        Hosts(
            Host::ALL
                .map(|h| (h, format!("{base}/{}", h.name())))
                .into(),
        )
    }

    /// These hosts with any `GALEON_URL_<HOST>` environment variable applied (e.g.
    /// `GALEON_URL_IMF=https://imf.example.org`).
    pub fn with_env(mut self) -> Hosts {
        for host in Host::ALL {
            let key = format!("GALEON_URL_{}", host.name().to_uppercase());
            if let Ok(url) = std::env::var(&key) {
                self.0.insert(host, url.trim_end_matches('/').to_string());
            }
        }
        self
    }

    /// Whether `host` is at its publisher's address (whose pace `fetch` keeps).
    pub fn is_publisher(&self, host: Host) -> bool {
        self.0[&host] == host.default_base()
    }

    /// The URL of `path` on `host`.
    pub fn url(&self, host: Host, path: &str) -> String {
        format!("{}/{}", self.0[&host], path.trim_start_matches('/'))
    }
}

/// How to fetch.
#[derive(Debug, Clone)]
pub struct Options {
    /// The sources folder to fill.
    pub into: PathBuf,
    /// First year to ask APIs for.
    pub since: i32,
    /// Where the hosts are.
    pub hosts: Hosts,
    /// Retries, backoff and timeouts.
    pub policy: Policy,
    /// A UN Comtrade subscription key (`GALEON_COMTRADE_KEY`); without one, the keyless preview.
    pub comtrade_key: Option<String>,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Download a file.
    Download(Download),
    /// A dataset (or part of one) a person must fetch: what and how.
    ByHand {
        /// Dataset id.
        dataset: &'static str,
        /// Where the files come from and where they go.
        how: &'static str,
    },
}

/// A file to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    /// Dataset id.
    pub dataset: &'static str,
    /// Where it comes from.
    pub url: String,
    /// Where it goes, relative to the sources folder.
    pub save_as: String,
    /// Its declared checksum (pinned files, a publisher's list); a download with other bytes
    /// is refused.
    pub checksum: Option<Checksum>,
    /// The release as the declaration or the publisher's list states it (a pinned commit or
    /// version, a Dataverse dataset version).
    pub release: Option<String>,
    /// Whether that release is stated in the folder's `release.toml` too (the file states none).
    states_release: bool,
    /// Headers to send (an API key: sent, never logged).
    headers: Vec<(&'static str, String)>,
    /// The least time since the last query of the same API: its publisher's pace, or none when
    /// the host is a mirror or a local server.
    pace: Duration,
    /// What checks the answer before it is kept.
    kind: Kind,
    /// For a file published inside a zip: the zip, downloaded before it, and the file's name there.
    from: Option<Box<Member>>,
    /// What the log says of the file whatever the answer (why it could not be checked).
    note: Option<String>,
}

/// A file inside a publisher's zip.
#[derive(Debug, Clone, PartialEq)]
struct Member {
    /// The zip, relative to the sources folder (under the listings folder).
    archive: String,
    /// The member's name ([`PinnedFile::member`]).
    name: &'static str,
    /// Its declared size: no more is read from the zip, whatever its header says.
    bytes: u64,
}

impl Download {
    /// The files taken out of this download, a publisher's zip, once it is whole (none for
    /// another download): for a plan's listing.
    pub fn inside(&self) -> Vec<Download> {
        members(self)
    }

    /// How the file is obtained, in a word or two (for listings).
    pub fn how(&self) -> &'static str {
        match self.kind {
            Kind::File if self.checksum.is_some() => "checked file",
            Kind::File => "file",
            Kind::Listing => "publisher's list, then the files it names",
            Kind::Archive => "publisher's zip, then the files in it",
            Kind::Member => "checked file from a zip",
            Kind::Sdmx | Kind::Comtrade { .. } | Kind::WorldBankPage { .. } => "api",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A published file: its checksum says it all.
    File,
    /// A publisher's list of the files of the dataset (a Dataverse description, a GDELT file
    /// list): the files it names follow it in its lane.
    Listing,
    /// A publisher's zip with declared files inside: the files follow it in its lane.
    Archive,
    /// A file taken out of a zip downloaded before it ([`Download::from`]).
    Member,
    /// An IMF SDMX data message.
    Sdmx,
    /// An answer of UN Comtrade's API, whose retrieval date goes into the folder's release.toml.
    Comtrade {
        /// Asked with a subscription key (no preview limit).
        keyed: bool,
    },
    /// A page of the World Bank's indicators API; page 1 says how many follow.
    WorldBankPage {
        /// Whether this is page 1.
        first: bool,
    },
}

impl Kind {
    /// The least time between two queries of this kind: each API's stated or customary pace.
    fn pace(self) -> Duration {
        match self {
            Kind::File | Kind::Listing | Kind::Archive | Kind::Member => Duration::ZERO,
            // "About 10 requests per 5 seconds" (the IMF's guidance).
            Kind::Sdmx => Duration::from_millis(600),
            // The keyless preview allows about one query a second.
            Kind::Comtrade { .. } => Duration::from_millis(1_100),
            Kind::WorldBankPage { .. } => Duration::from_millis(250),
        }
    }
}

/// Waits until the download's pace has passed since the last query of the same kind.
fn keep_pace(last: &mut BTreeMap<&'static str, Instant>, download: &Download) {
    if download.pace.is_zero() {
        return;
    }
    let key = match download.kind {
        Kind::File | Kind::Listing | Kind::Archive | Kind::Member => "file",
        Kind::Sdmx => "imf",
        Kind::Comtrade { .. } => "comtrade",
        Kind::WorldBankPage { .. } => "worldbank",
    };
    if let Some(previous) = last.get(key) {
        std::thread::sleep(download.pace.saturating_sub(previous.elapsed()));
    }
    last.insert(key, Instant::now());
}

/// The steps that fetch `datasets`.
pub fn plan(datasets: &[&'static Dataset], options: &Options) -> Result<Vec<Step>, FetchError> {
    let mut steps = Vec::new();
    for d in datasets {
        let (hosts, since) = (&options.hosts, options.since);
        match d.obtain {
            Obtain::Pinned { list, rest } => steps.extend(pinned_steps(d, list, rest, hosts)?),
            Obtain::ImfImts => {
                let queries = imts::queries(hosts, since);
                let accept = vec![("Accept", imts::ACCEPT.to_string())];
                steps.extend(api_steps(
                    d,
                    queries,
                    Host::Imf,
                    Kind::Sdmx,
                    accept,
                    options,
                ));
            }
            Obtain::WorldBank { series } => {
                let queries = worldbank::queries(hosts, since, series);
                let kind = Kind::WorldBankPage { first: true };
                steps.extend(api_steps(
                    d,
                    queries,
                    Host::WorldBank,
                    kind,
                    vec![],
                    options,
                ));
            }
            Obtain::Comtrade => {
                let key = options.comtrade_key.as_ref();
                let headers = (key.into_iter())
                    .map(|k| ("Ocp-Apim-Subscription-Key", k.clone()))
                    .collect();
                let queries = comtrade::queries(hosts, since, key.is_some());
                let kind = Kind::Comtrade {
                    keyed: key.is_some(),
                };
                steps.extend(api_steps(
                    d,
                    queries,
                    Host::Comtrade,
                    kind,
                    headers,
                    options,
                ));
            }
            Obtain::Dataverse { doi, .. } => {
                let url = dataverse::description_url(hosts, doi);
                steps.push(listing(d, url, dataverse::DESCRIPTION));
            }
            Obtain::GdeltList { lists, .. } => {
                for list in lists {
                    let url = hosts.url(Host::Gdelt, list);
                    steps.push(listing(d, url, list.rsplit('/').next().unwrap_or(list)));
                }
            }
            Obtain::ByHand(how) => steps.push(Step::ByHand { dataset: d.id, how }),
        }
    }
    Ok(steps)
}

/// The downloads of a dataset's pinned files (a zip once, before the files in it) and, where
/// the list lacks some declared files, the by-hand step that says where they come from.
fn pinned_steps(
    d: &'static Dataset,
    list: &'static str,
    rest: Option<&'static str>,
    hosts: &Hosts,
) -> Result<Vec<Step>, FetchError> {
    let files = pinned_files(list).map_err(|e| FetchError::Config(format!("{}: {e}", d.id)))?;
    let mut steps: Vec<Step> = Vec::new();
    for f in files {
        let (save_as, checksum, kind) = match f.member {
            None => (
                format!("{}/{}", d.folder, f.save_as),
                Some(Checksum::Sha256(f.sha256.to_string())),
                Kind::File,
            ),
            Some(_) => (archive_save_as(d.id, f.path), None, Kind::Archive),
        };
        let planned = |s: &Step| matches!(s, Step::Download(x) if x.save_as == save_as);
        if kind == Kind::Archive && steps.iter().any(planned) {
            continue;
        }
        steps.push(Step::Download(Download {
            dataset: d.id,
            url: hosts.url(f.host, &encode_path(f.path)),
            save_as,
            checksum,
            release: Some(pinned_release(f.host, f.path)),
            states_release: false,
            headers: Vec::new(),
            pace: Duration::ZERO,
            kind,
            from: None,
            note: None,
        }));
    }
    steps.extend(rest.map(|how| Step::ByHand { dataset: d.id, how }));
    Ok(steps)
}

/// The download of a publisher's list of `d`'s files, saved under the listings folder.
fn listing(d: &'static Dataset, url: String, name: &str) -> Step {
    Step::Download(Download {
        dataset: d.id,
        url,
        save_as: format!("{LISTINGS_DIR}/{}/{name}", d.id),
        checksum: None,
        release: None,
        states_release: false,
        headers: Vec::new(),
        pace: Duration::ZERO,
        kind: Kind::Listing,
        from: None,
        note: None,
    })
}

/// Where a publisher's zip is kept: the listings folder, beside the publishers' lists, never
/// read by a build. A run that finds every file the zip is fetched for in place does not
/// download it again.
fn archive_save_as(dataset: &str, path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    format!("{LISTINGS_DIR}/{dataset}/{name}")
}

/// The files a dataset's pinned list takes out of the zip `archive` (none for another download).
fn members(archive: &Download) -> Vec<Download> {
    // Asked of every download in a lane (GDELT's are tens of thousands): a zip's kind first.
    if archive.kind != Kind::Archive {
        return Vec::new();
    }
    let Some(d) = galeon_sources::dataset(archive.dataset) else {
        return Vec::new();
    };
    let Obtain::Pinned { list, .. } = d.obtain else {
        return Vec::new();
    };
    (pinned_files(list).unwrap_or_default().into_iter())
        .filter_map(|f| Some((f.member?, f)))
        .filter(|(_, f)| archive_save_as(archive.dataset, f.path) == archive.save_as)
        .map(|(name, f)| Download {
            url: format!("{}!{}", archive.url, encode_path(name)),
            save_as: format!("{}/{}", d.folder, f.save_as),
            checksum: Some(Checksum::Sha256(f.sha256.to_string())),
            kind: Kind::Member,
            from: Some(Box::new(Member {
                archive: archive.save_as.clone(),
                name,
                bytes: f.bytes,
            })),
            ..archive.clone()
        })
        .collect()
}

/// Whether a download's file is already in the sources folder with its declared checksum.
fn in_place(download: &Download, into: &Path) -> bool {
    (download.checksum.as_ref()).is_some_and(|c| c.matches_file(&into.join(&download.save_as)))
}

/// The downloads a completed one announces: the pages after the World Bank's first, the files
/// a publisher's list names. They go first in the lane, in this order.
fn follow_ups(
    download: &Download,
    dest: &Path,
    pages: Option<u32>,
    options: &Options,
) -> Result<Vec<Download>, String> {
    let file = |url: String, save_as: String, checksum: Option<Checksum>| Download {
        url,
        save_as,
        checksum,
        kind: Kind::File,
        ..download.clone()
    };
    let folder = |d: &str| galeon_sources::dataset(d).map(|d| (d.folder, d.obtain));
    match (download.kind, folder(download.dataset)) {
        (Kind::WorldBankPage { first: true }, _) => Ok((2..=pages.unwrap_or(1))
            .map(|n| {
                let (url, save_as) = worldbank::page(&download.url, &download.save_as, n);
                let kind = Kind::WorldBankPage { first: false };
                Download {
                    url,
                    save_as,
                    kind,
                    ..download.clone()
                }
            })
            .collect()),
        (Kind::Listing, Some((folder, Obtain::Dataverse { doi, files, .. }))) => {
            let listed = dataverse::files(dest, doi, &files, &options.hosts)?;
            Ok((listed.into_iter())
                .map(|f| Download {
                    release: Some(f.release),
                    states_release: true,
                    note: f.unchecked,
                    ..file(f.url, format!("{folder}/{}", f.save_as), f.checksum)
                })
                .collect())
        }
        (Kind::Archive, _) => Ok(members(download)),
        (Kind::Listing, Some((folder, Obtain::GdeltList { suffix, .. }))) => {
            let listed = gdelt::files(dest, suffix, options.since, &options.hosts)?;
            Ok((listed.into_iter())
                .map(|f| file(f.url, format!("{folder}/{}", f.name), Some(f.checksum)))
                .collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// The downloads of an API's queries (URL, file name in the dataset folder): no checksum, the
/// API's pace when the host is its publisher.
fn api_steps(
    d: &'static Dataset,
    queries: Vec<(String, String)>,
    host: Host,
    kind: Kind,
    headers: Vec<(&'static str, String)>,
    options: &Options,
) -> Vec<Step> {
    let pace = match options.hosts.is_publisher(host) {
        true => kind.pace(),
        false => Duration::ZERO,
    };
    (queries.into_iter())
        .map(|(url, save_as)| {
            Step::Download(Download {
                dataset: d.id,
                url,
                save_as: format!("{}/{save_as}", d.folder),
                checksum: None,
                release: None,
                states_release: false,
                headers: headers.clone(),
                pace,
                kind,
                from: None,
                note: None,
            })
        })
        .collect()
}

/// A file path as a URL path: bytes outside RFC 3986's path characters (spaces, non-ASCII) are
/// percent-encoded, `/` kept (publishers' file names have spaces: "ADM Location Data/…").
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(byte)),
            b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' => {
                out.push(char::from(byte))
            }
            b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' => out.push(char::from(byte)),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The commit or version a pinned path names (`owner/repo/<commit>/…`, `package@version/…`).
fn pinned_release(host: Host, path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    match host {
        Host::GitHub if parts.len() > 2 => {
            format!("{}/{} at commit {}", parts[0], parts[1], parts[2])
        }
        Host::Npm => parts[0].to_string(),
        // A publisher's own file: its name (AidData's zip names its dataset and version).
        _ => parts.last().unwrap_or(&path).to_string(),
    }
}

/// What happened to one step.
#[derive(Debug)]
pub enum Event<'a> {
    /// A download starts.
    Start(&'a Download),
    /// Bytes so far of a file (named as it is saved), and the total when known.
    Progress(&'a str, u64, Option<u64>),
    /// A download completed.
    Done(&'a Download, &'a Fetched),
    /// A pinned file already in place with the declared checksum: not downloaded again.
    UpToDate(&'a Download),
    /// A download failed (the run goes on with the other files).
    Failed(&'a Download, &'a FetchError),
    /// A dataset (or part of one) a person must fetch: what, how, and the declared files its
    /// folder still lacks (none: in place).
    ByHand(&'static str, &'static str, &'a [&'static str]),
    /// More downloads joined the queue (the pages an answer announced).
    More(usize),
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files downloaded.
    pub downloaded: usize,
    /// Pinned files already in place.
    pub up_to_date: usize,
    /// Files that failed, with the error.
    pub failed: Vec<(String, String)>,
    /// Datasets (or parts) left to a person whose files are not all in place yet.
    pub by_hand: Vec<&'static str>,
    /// Datasets (or parts) left to a person whose files are in place.
    pub by_hand_in_place: Vec<&'static str>,
}

/// What a lane's worker tells the run, in the order it happens.
enum Report {
    Start(Download),
    Progress(String, u64, Option<u64>),
    Done(Download, Fetched),
    UpToDate(Download),
    Failed(Download, FetchError),
    More(usize),
}

/// The lane a download waits in: one per API (each keeps its publisher's pace), one per host of
/// published files. Lanes run at once, each one download at a time, so that no publisher gets
/// more than one request from galeon at a time.
fn lane(download: &Download) -> String {
    match download.kind {
        Kind::Sdmx => "imf".into(),
        Kind::Comtrade { .. } => "comtrade".into(),
        Kind::WorldBankPage { .. } => "worldbank".into(),
        Kind::File | Kind::Listing | Kind::Archive | Kind::Member => {
            let rest = download
                .url
                .split_once("://")
                .map_or(&*download.url, |(_, r)| r);
            rest.split('/').next().unwrap_or(rest).to_string()
        }
    }
}

/// Carries out `steps`, logging every download in the sources folder's fetch log (written after
/// each file, so an interrupted run keeps what it did). Downloads run in lanes ([`lane`]): the
/// IMF, UN Comtrade, the World Bank and each file host at once, each lane in its own order.
pub fn run(
    steps: &[Step],
    options: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<Summary, FetchError> {
    let mut log = FetchLog::read(&options.into).map_err(FetchError::Config)?;
    let mut summary = Summary::default();
    let mut lanes: Vec<(String, Vec<Download>)> = Vec::new();
    for step in steps {
        match step {
            Step::ByHand { dataset, how } => {
                let missing = by_hand_missing(dataset, &options.into);
                on(Event::ByHand(dataset, how, &missing));
                match missing.is_empty() {
                    true => summary.by_hand_in_place.push(dataset),
                    false => summary.by_hand.push(dataset),
                }
            }
            Step::Download(d) => {
                let name = lane(d);
                match lanes.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, queue)) => queue.push(d.clone()),
                    None => lanes.push((name, vec![d.clone()])),
                }
            }
        }
    }
    let (tell, told) = std::sync::mpsc::channel::<Report>();
    let mut failure = None;
    // Set when the log cannot be written: the lanes stop before their next download.
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for (_, queue) in lanes {
            let (tell, stop) = (tell.clone(), &stop);
            scope.spawn(move || work_lane(queue, options, &tell, stop));
        }
        drop(tell);
        for report in told {
            let recorded = record(report, options, &mut log, &mut summary, on);
            if let (Err(e), None) = (recorded, &failure) {
                failure = Some(e);
                stop.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// The declared files of a dataset's by-hand part that its folder in `into` lacks: every
/// declared file for a dataset wholly by hand, those no pinned file is saved as otherwise.
fn by_hand_missing(dataset: &str, into: &Path) -> Vec<&'static str> {
    let Some(d) = galeon_sources::dataset(dataset) else {
        return Vec::new();
    };
    let pinned = match d.obtain {
        Obtain::Pinned { list, .. } => pinned_files(list).unwrap_or_default(),
        _ => Vec::new(),
    };
    let spec = |pattern: &str| d.files.iter().find(|f| f.pattern == pattern);
    (galeon_sources::missing_in(d, into).into_iter())
        .filter(|p| {
            !pinned
                .iter()
                .any(|f| spec(p).is_some_and(|s| s.matches(f.save_as)))
        })
        .collect()
}

/// One lane's downloads, one at a time at the lane's pace; the pages an answer announces join the
/// lane right after it.
fn work_lane(
    queue: Vec<Download>,
    options: &Options,
    tell: &std::sync::mpsc::Sender<Report>,
    stop: &std::sync::atomic::AtomicBool,
) {
    let client = Client::new(options.policy.clone());
    let mut queue: std::collections::VecDeque<Download> = queue.into();
    let mut last_query = BTreeMap::new();
    let send = |report: Report| {
        let _ = tell.send(report);
    };
    while let Some(download) = queue.pop_front() {
        if stop.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let dest = options.into.join(&download.save_as);
        if in_place(&download, &options.into) {
            send(Report::UpToDate(download));
            continue;
        }
        let inside = members(&download);
        if !inside.is_empty() && inside.iter().all(|m| in_place(m, &options.into)) {
            // Every file the zip is fetched for is in place: the zip is not needed.
            send(Report::UpToDate(download));
            send(Report::More(inside.len()));
            for next in inside.into_iter().rev() {
                queue.push_front(next);
            }
            continue;
        }
        keep_pace(&mut last_query, &download);
        send(Report::Start(download.clone()));
        let mut progress = |event: Event<'_>| {
            if let Event::Progress(file, done, total) = event {
                send(Report::Progress(file.to_string(), done, total));
            }
        };
        let fetched = fetch_one(&client, &download, &options.into, &dest, &mut progress);
        let fetched = fetched.and_then(|(entry, pages)| {
            if let Some(label) = release_to_state(&download, &entry) {
                state_release(&dest, &label)?;
                drop_stale_release_file(&download, &options.into)?;
            }
            let more = follow_ups(&download, &dest, pages, options).map_err(|message| {
                FetchError::Invalid {
                    url: download.url.clone(),
                    message,
                }
            })?;
            Ok((entry, more))
        });
        match fetched {
            Ok((entry, more)) => {
                if !more.is_empty() {
                    send(Report::More(more.len()));
                }
                for next in more.into_iter().rev() {
                    queue.push_front(next);
                }
                send(Report::Done(download, entry));
            }
            Err(e) => send(Report::Failed(download, e)),
        }
    }
}

/// The release to state in the folder's `release.toml` for a file that states none itself: the
/// retrieval date of a UN Comtrade answer, the Dataverse version of a Dataverse file.
fn release_to_state(download: &Download, entry: &Fetched) -> Option<String> {
    match download.kind {
        Kind::Comtrade { .. } => Some(format!(
            "UN Comtrade API, retrieved {}",
            &entry.fetched[..10]
        )),
        _ if download.states_release => download.release.clone(),
        _ => None,
    }
}

/// Removes the file in which another copy of the dataset stated its release (the Atlas's
/// `geo-SCM_source_manifest.json`), once fetch states the release of a file it wrote: the build
/// reads a release from that file before `release.toml`, and it speaks of the copy replaced.
fn drop_stale_release_file(download: &Download, into: &Path) -> Result<(), FetchError> {
    let Some(d) = galeon_sources::dataset(download.dataset) else {
        return Ok(());
    };
    let galeon_sources::Release::Json { file, .. } = d.release else {
        return Ok(());
    };
    let path = into.join(d.folder).join(file);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(FetchError::Io { path, source: e })
        }
        _ => Ok(()),
    }
}

/// The files a completed download makes stale, which would be read twice beside the files that
/// replace them: the answer of the IMF's SDMX 2.1 service that an SDMX-JSON answer replaces
/// (`imts_CHN.xml` for `imts_CHN_X.json`); the files of a Dataverse dataset chosen by a pattern
/// that its latest description no longer lists (a former version of a year's file).
fn superseded(d: &Download, options: &Options) -> Vec<String> {
    match d.kind {
        Kind::Sdmx => former_sdmx(&d.save_as).into_iter().collect(),
        Kind::Listing => no_longer_listed(d, options),
        _ => Vec::new(),
    }
}

fn former_sdmx(save_as: &str) -> Option<String> {
    let (folder, name) = save_as.rsplit_once('/')?;
    let stem = name.strip_prefix("imts_")?.strip_suffix(".json")?;
    let (reporter, _) = stem.rsplit_once('_')?;
    Some(format!("{folder}/imts_{reporter}.xml"))
}

/// The files in a Dataverse dataset's folder that its pattern takes and its description no
/// longer lists (none when the description cannot be read: its error is reported elsewhere).
fn no_longer_listed(d: &Download, options: &Options) -> Vec<String> {
    let Some(data) = galeon_sources::dataset(d.dataset) else {
        return Vec::new();
    };
    let Obtain::Dataverse { doi, files, .. } = data.obtain else {
        return Vec::new();
    };
    let description = options.into.join(&d.save_as);
    let Ok(listed) = dataverse::files(&description, doi, &files, &options.hosts) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(options.into.join(data.folder)) else {
        return Vec::new();
    };
    (entries.flatten())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| files.takes(name) && !listed.iter().any(|f| &f.save_as == name))
        .map(|name| format!("{}/{name}", data.folder))
        .collect()
}

/// A lane's report told to the caller, counted, and a completed file written to the log.
fn record(
    report: Report,
    options: &Options,
    log: &mut FetchLog,
    summary: &mut Summary,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(), FetchError> {
    match report {
        Report::Start(d) => on(Event::Start(&d)),
        Report::Progress(file, done, total) => on(Event::Progress(&file, done, total)),
        Report::More(n) => on(Event::More(n)),
        Report::UpToDate(d) => {
            on(Event::UpToDate(&d));
            summary.up_to_date += 1;
        }
        Report::Failed(d, e) => {
            on(Event::Failed(&d, &e));
            summary.failed.push((d.save_as.clone(), e.to_string()));
        }
        Report::Done(d, entry) => {
            on(Event::Done(&d, &entry));
            for old in superseded(&d, options) {
                let path = options.into.join(&old);
                if path.exists() {
                    std::fs::remove_file(&path)
                        .map_err(|source| FetchError::Io { path, source })?;
                }
                log.files.remove(&old);
            }
            log.files.insert(d.save_as.clone(), entry);
            summary.downloaded += 1;
            log.write(&options.into).map_err(FetchError::Config)?;
        }
    }
    Ok(())
}

/// States `label` as the release of `file` in its folder's `release.toml` (for answers that state
/// none themselves), keeping what the file already says of other files.
fn state_release(file: &Path, label: &str) -> Result<(), FetchError> {
    use galeon_sources::release::{read_release_toml, RELEASE_TOML};
    let (Some(folder), Some(name)) = (file.parent(), file.file_name()) else {
        return Ok(());
    };
    let mut toml = read_release_toml(folder)
        .map_err(FetchError::Config)?
        .unwrap_or_default();
    toml.files
        .insert(name.to_string_lossy().into_owned(), label.to_string());
    let path = folder.join(RELEASE_TOML);
    let text = toml::to_string(&toml).map_err(|e| FetchError::Config(e.to_string()))?;
    std::fs::write(&path, text).map_err(|source| FetchError::Io { path, source })
}

/// Downloads one file; returns its log entry and the pages its answer announces.
fn fetch_one(
    client: &Client,
    download: &Download,
    into: &Path,
    dest: &Path,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(Fetched, Option<u32>), FetchError> {
    let partial = into
        .join(PARTIAL_DIR)
        .join(format!("{}.part", download.save_as));
    if let Some(member) = &download.from {
        return unpack(download, member, into, dest, &partial).map(|entry| (entry, None));
    }
    let check = |path: &Path| match download.kind {
        Kind::File => Ok(http::Checked::default()),
        Kind::Member => unreachable!("taken out of its zip above"),
        Kind::Archive => {
            zip::ZipArchive::new(std::fs::File::open(path).map_err(|e| e.to_string())?)
                .map(|_| http::Checked::default())
                .map_err(|e| format!("not a readable zip ({e})"))
        }
        Kind::Listing => match galeon_sources::dataset(download.dataset).map(|d| d.obtain) {
            Some(Obtain::Dataverse { .. }) => dataverse::check(path),
            Some(Obtain::GdeltList { .. }) => gdelt::check(path),
            _ => Ok(http::Checked::default()),
        },
        Kind::Sdmx => imts::check(path),
        Kind::WorldBankPage { .. } => worldbank::check(path),
        Kind::Comtrade { keyed } => comtrade::check(path, keyed),
    };
    let headers: Vec<(&str, String)> = (download.headers.iter())
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    let got = client.download(
        &download.url,
        &headers,
        dest,
        &partial,
        download.checksum.as_ref(),
        &check,
        &mut |done, total| on(Event::Progress(&download.save_as, done, total)),
    )?;
    let release = (got.stated_release.clone())
        .or_else(|| download.release.clone())
        .or(got
            .last_modified
            .clone()
            .map(|l| format!("last modified {l}")));
    let attempts = (got.attempts > 1).then(|| format!("{} attempts", got.attempts));
    let notes: Vec<String> = [download.note.clone(), got.note, attempts]
        .into_iter()
        .flatten()
        .collect();
    let entry = Fetched {
        dataset: download.dataset.to_string(),
        url: download.url.clone(),
        fetched: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        status: got.status,
        bytes: got.bytes,
        sha256: got.sha256,
        release,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    };
    Ok((entry, got.pages))
}

/// Takes `member` out of its zip, already downloaded, into `dest` by way of `partial`: a file
/// larger than declared is refused after one byte too many (whatever the zip's header says), and
/// a file is kept only with its declared checksum. Once every file the zip was fetched for is in
/// place, the zip is removed.
fn unpack(
    download: &Download,
    member: &Member,
    into: &Path,
    dest: &Path,
    partial: &Path,
) -> Result<Fetched, FetchError> {
    let invalid = |message: String| {
        let _ = std::fs::remove_file(partial);
        FetchError::Invalid {
            url: download.url.clone(),
            message,
        }
    };
    let archive = into.join(&member.archive);
    let copied = take_out(&archive, member.name, member.bytes, partial).map_err(invalid)?;
    if copied > member.bytes {
        return Err(invalid(format!(
            "{:?} is larger than its declared {} bytes",
            member.name, member.bytes
        )));
    }
    let hashes = http::hashes(partial, download.checksum.as_ref())
        .map_err(|e| invalid(format!("{}: {e}", partial.display())))?;
    if let Some(expected) = (download.checksum.as_ref()).filter(|e| !e.matches(&hashes)) {
        return Err(http::wrong_bytes(&download.url, partial, expected, &hashes));
    }
    http::put_in_place(partial, dest)?;
    let zip = Download {
        save_as: member.archive.clone(),
        kind: Kind::Archive,
        ..download.clone()
    };
    if members(&zip).iter().all(|m| in_place(m, into)) {
        let _ = std::fs::remove_file(&archive);
    }
    Ok(Fetched {
        dataset: download.dataset.to_string(),
        url: download.url.clone(),
        fetched: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        status: 200,
        bytes: hashes.bytes,
        sha256: hashes.sha256,
        release: download.release.clone(),
        note: Some("taken out of the zip downloaded from the address before `!`".into()),
    })
}

/// Copies the file `name` of the zip at `archive` (its whole path in the zip, or its end after a
/// `/`) to `to`, reading at most one byte past `bytes`; returns the bytes copied.
fn take_out(archive: &Path, name: &str, bytes: u64, to: &Path) -> Result<u64, String> {
    use std::io::Read;
    let file = std::fs::File::open(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("zip: {e}"))?;
    let wrapped = format!("/{name}");
    let found = (zip.file_names())
        .find(|n| *n == name || n.ends_with(&wrapped))
        .map(str::to_string)
        .ok_or_else(|| format!("the zip has no file {name:?}"))?;
    let entry = zip.by_name(&found).map_err(|e| format!("{found}: {e}"))?;
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut out = std::fs::File::create(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let copied = std::io::copy(&mut entry.take(bytes + 1), &mut out);
    copied.map_err(|e| format!("{found}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_accents_are_percent_encoded_and_slashes_kept() {
        // By hand: space = %20, "é" = C3 A9 in UTF-8.
        assert_eq!(
            encode_path("data-raw/ADM Location Data/Año é.csv"),
            "data-raw/ADM%20Location%20Data/A%C3%B1o%20%C3%A9.csv"
        );
        assert_eq!(encode_path("a/b_c-1.0~x.xlsx"), "a/b_c-1.0~x.xlsx");
    }

    #[test]
    fn queries_of_one_api_keep_its_pace_and_a_mirror_sets_none() {
        let hosts = Hosts::publishers();
        let options = Options {
            into: PathBuf::from("/nowhere"),
            since: 2024,
            hosts,
            policy: Policy::default(),
            comtrade_key: None,
        };
        let imts = galeon_sources::dataset("imf-imts").unwrap();
        let steps = plan(&[imts], &options).unwrap();
        let Step::Download(first) = &steps[0] else {
            panic!("a download");
        };
        assert_eq!(first.pace, Kind::Sdmx.pace());
        let mut last = BTreeMap::new();
        let started = Instant::now();
        keep_pace(&mut last, first);
        keep_pace(&mut last, first);
        // The second IMF query waited for the first's pace.
        assert!(
            started.elapsed() >= Kind::Sdmx.pace(),
            "{:?}",
            started.elapsed()
        );
        let mirrored = Options {
            hosts: Hosts::mirror("http://127.0.0.1:9"),
            ..options
        };
        let steps = plan(&[imts], &mirrored).unwrap();
        assert!(steps
            .iter()
            .all(|s| matches!(s, Step::Download(d) if d.pace.is_zero())));
    }

    #[test]
    fn a_mirror_puts_every_host_under_its_name() {
        let hosts = Hosts::mirror("http://127.0.0.1:9/");
        assert_eq!(
            hosts.url(Host::Npm, "/x@1/a.json"),
            "http://127.0.0.1:9/npm/x@1/a.json"
        );
        assert_eq!(
            pinned_release(Host::GitHub, "owner/repo/abc123/data/f.csv"),
            "owner/repo at commit abc123"
        );
        assert_eq!(
            pinned_release(Host::Npm, "world-atlas@2.0.2/countries-110m.json"),
            "world-atlas@2.0.2"
        );
    }
}
