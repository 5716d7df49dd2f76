//! Stage marks: the end of each stage of a document's check (its preparation, each rule, the
//! judging of the diagnostics), for `benches/stages.sh`, which counts with callgrind the
//! instructions run between two marks. Without the `stage-marks` feature a mark compiles to
//! nothing.

/// Marks the end of the stage `name` of the current document's check: writes it to standard
/// error, where `benches/stages.py` pairs it with callgrind's dump of the instructions run
/// since the previous mark.
#[cfg(feature = "stage-marks")]
#[inline(never)]
pub fn end(name: &str) {
    eprintln!("stage-mark {name}");
}

/// Marks the end of the stage `name` of the current document's check: nothing without the
/// `stage-marks` feature.
#[cfg(not(feature = "stage-marks"))]
#[inline(always)]
pub fn end(_name: &str) {}
