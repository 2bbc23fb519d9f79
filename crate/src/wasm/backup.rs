//! Encrypted backups for extension pages: the page encrypts the backup text it received from the
//! background and decrypts a chosen file before the usual import; the passphrase never leaves
//! the page. Randomness (salt and nonce) comes from the page's `crypto.getRandomValues`.

use super::JsResult;
use crate::storage::sealed;
use wasm_bindgen::prelude::*;

/// Whether a file's text is an encrypted backup (it then needs a passphrase).
#[wasm_bindgen(js_name = isEncryptedBackup)]
pub fn is_encrypted_backup(text: &str) -> bool {
    sealed::is_encrypted(text)
}

/// Encrypts a backup's JSON text: `random` is 40 bytes from `crypto.getRandomValues`.
#[wasm_bindgen(js_name = encryptBackup)]
pub fn encrypt_backup(text: &str, passphrase: &str, random: &[u8]) -> JsResult {
    Ok(JsValue::from_str(&sealed::encrypt_backup(
        text,
        passphrase,
        random,
        sealed::Cost::WRITE,
    )?))
}

/// Opens an encrypted backup: its JSON text, or an import error (wrong passphrase or a changed
/// file, damaged header, a cost over the caps).
#[wasm_bindgen(js_name = decryptBackup)]
pub fn decrypt_backup(text: &str, passphrase: &str) -> JsResult {
    Ok(JsValue::from_str(&sealed::decrypt_backup(
        text, passphrase,
    )?))
}
