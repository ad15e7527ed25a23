//! Arbitrary bytes through decoding, position conversions, parsing and the
//! document model. The work is in `plan_lint_fuzz::decode_parse_model`
//! (fuzz/src/lib.rs), which the regression test replays too.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    plan_lint_fuzz::decode_parse_model(data);
});
