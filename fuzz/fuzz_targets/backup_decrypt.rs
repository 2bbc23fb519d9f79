#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rubrica_core::fuzzing::backup_decrypt(data));
