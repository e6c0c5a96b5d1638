//! Writes GDELT-shaped event export files for benchmarks and scale tests, and prints on standard
//! output, as JSON, what it wrote (events, events in galeon's scope, China–LAC events and
//! cooperative ones by country and year): the expected results of reading them.
//!
//! Usage: gdelt_generate EVENTS OUT_DIR [EVENTS_PER_FILE (2000)] [SEED (2015)]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| -> u64 {
        args.get(i).map_or(default, |a| {
            a.parse()
                .unwrap_or_else(|_| panic!("argument {}: not a number: {a}", i + 1))
        })
    };
    if args.len() < 2 {
        eprintln!("usage: gdelt_generate EVENTS OUT_DIR [EVENTS_PER_FILE] [SEED]");
        std::process::exit(2);
    }
    let (events, per_file, seed) = (number(0, 0), number(2, 2000).max(1), number(3, 2015));
    let files = events.div_ceil(per_file);
    let tally =
        galeon_testkit::gdelt::generate(std::path::Path::new(&args[1]), files, per_file, seed);
    println!(
        "{}",
        serde_json::to_string_pretty(&tally).expect("a tally is JSON")
    );
}
