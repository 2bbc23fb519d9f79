//! Encrypted backup files: a passphrase-protected wrapper around a backup's JSON text.
//!
//! ```text
//! rubrica-encrypted-backup 1 argon2id m=65536 t=3 p=1 salt=<base64 16 bytes> xchacha20poly1305 nonce=<base64 24 bytes>
//! <base64 of the ciphertext and its 16-byte Poly1305 tag>
//! ```
//!
//! - The key is Argon2id (RFC 9106) of the passphrase with the header's salt and cost parameters
//!   (`m` KiB of memory, `t` passes, `p` lanes).
//! - The body is XChaCha20-Poly1305 of the backup's UTF-8 text under that key and the header's
//!   nonce, with **the header line's exact bytes as associated data**: changing any byte of the
//!   header, the body or the tag makes decryption fail.
//! - The header must be written exactly as [`Header::line`] writes it (no extra spaces, no leading
//!   zeros, canonical base64), and the body is strict base64 followed by one `\n`; anything else is
//!   refused before any key is derived.
//! - The core reads no randomness: the caller passes the salt and nonce (the page takes them from
//!   `crypto.getRandomValues`), as it passes the clock everywhere else.
//! - A header asking for more than [`MAX_MEMORY_KIB`], [`MAX_PASSES`] or [`MAX_LANES`] is refused
//!   before any memory is allocated, so a hostile file cannot make the page allocate gigabytes.
//!   Built for fuzzing (`cfg(fuzzing)`), the cost is clamped to a few KiB and one pass.

use crate::error::{Error, ErrorKind, Result};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// The first word of every encrypted backup.
pub const MAGIC: &str = "rubrica-encrypted-backup";
/// The file layout's version.
pub const LAYOUT: u32 = 1;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// XChaCha20-Poly1305 nonce length in bytes.
pub const NONCE_LEN: usize = 24;
/// Bytes of randomness [`encrypt_backup`] needs: the salt, then the nonce.
pub const RANDOM_LEN: usize = SALT_LEN + NONCE_LEN;

/// Memory cap on decrypt: 256 MiB (four times what Rubrica writes).
pub const MAX_MEMORY_KIB: u32 = 256 * 1024;
/// Pass cap on decrypt.
pub const MAX_PASSES: u32 = 10;
/// Lane cap on decrypt.
pub const MAX_LANES: u32 = 4;

/// Argon2id's cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl Cost {
    /// What Rubrica writes: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option with
    /// one lane, since a page computes it on one thread). About a second in the dashboard.
    pub const WRITE: Cost = Cost {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// The cheapest cost Argon2 accepts; for tests and fuzzing only.
    pub const TEST: Cost = Cost {
        m_kib: 8,
        t: 1,
        p: 1,
    };

    /// The cost actually used to open a file: refused over the caps; clamped when fuzzing (or when
    /// `clamp` is set, as the stable replay of the fuzz corpus does).
    fn checked(self, clamp: bool) -> Result<Cost> {
        if self.m_kib > MAX_MEMORY_KIB || self.t > MAX_PASSES || self.p > MAX_LANES {
            return Err(Error::new(
                ErrorKind::Import,
                format!(
                    "This encrypted backup asks for {} MiB of memory, {} passes and {} lanes to \
                     open; Rubrica allows at most {} MiB, {MAX_PASSES} and {MAX_LANES}. It was not \
                     written by Rubrica or was changed. Nothing was imported.",
                    self.m_kib / 1024,
                    self.t,
                    self.p,
                    MAX_MEMORY_KIB / 1024
                ),
            ));
        }
        if self.t == 0 || self.p == 0 || self.m_kib < 8 * self.p {
            return Err(damaged("its key settings are impossible"));
        }
        if clamp || cfg!(fuzzing) {
            return Ok(Cost {
                m_kib: self.m_kib.min(32),
                t: 1,
                p: 1,
            });
        }
        Ok(self)
    }
}

/// The parsed first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub cost: Cost,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
}

impl Header {
    /// The header line as written (without its `\n`): also the associated data.
    pub fn line(&self) -> String {
        format!(
            "{MAGIC} {LAYOUT} argon2id m={} t={} p={} salt={} xchacha20poly1305 nonce={}",
            self.cost.m_kib,
            self.cost.t,
            self.cost.p,
            STANDARD.encode(self.salt),
            STANDARD.encode(self.nonce)
        )
    }

    /// Parses a header line strictly: it must be exactly what [`Header::line`] writes.
    pub fn parse(line: &str) -> Result<Header> {
        let mut words = line.split(' ');
        let mut next = || words.next().unwrap_or("");
        if next() != MAGIC {
            return Err(damaged("it does not start with “rubrica-encrypted-backup”"));
        }
        let layout = next();
        if layout != LAYOUT.to_string() {
            return Err(Error::new(
                ErrorKind::Import,
                format!(
                    "This encrypted backup has layout {layout}; this Rubrica reads layout \
                     {LAYOUT}. Update Rubrica to open it."
                ),
            ));
        }
        if next() != "argon2id" {
            return Err(damaged("its key derivation is not argon2id"));
        }
        let number = |word: &str, name: &str| -> Result<u32> {
            word.strip_prefix(name)
                .and_then(|v| v.parse::<u32>().ok())
                .ok_or_else(|| damaged(&format!("its “{name}” setting is unreadable")))
        };
        let m_kib = number(next(), "m=")?;
        let t = number(next(), "t=")?;
        let p = number(next(), "p=")?;
        let salt = bytes::<SALT_LEN>(next(), "salt=")?;
        if next() != "xchacha20poly1305" {
            return Err(damaged("its cipher is not xchacha20poly1305"));
        }
        let nonce = bytes::<NONCE_LEN>(next(), "nonce=")?;
        let header = Header {
            cost: Cost { m_kib, t, p },
            salt,
            nonce,
        };
        // Leading zeros, a `+` sign, extra words or spaces: not what Rubrica writes.
        if header.line() != line {
            return Err(damaged(
                "its first line is not written the way Rubrica writes it",
            ));
        }
        Ok(header)
    }
}

fn bytes<const N: usize>(word: &str, name: &str) -> Result<[u8; N]> {
    word.strip_prefix(name)
        .and_then(|v| STANDARD.decode(v).ok())
        .and_then(|v| <[u8; N]>::try_from(v).ok())
        .ok_or_else(|| damaged(&format!("its “{name}” value is unreadable")))
}

fn damaged(why: &str) -> Error {
    Error::new(
        ErrorKind::Import,
        format!(
            "This encrypted backup is damaged ({why}), so it cannot be opened. Nothing was imported."
        ),
    )
}

/// Whether `text` is an encrypted backup (by its first word); such a file needs a passphrase.
pub fn is_encrypted(text: &str) -> bool {
    text.strip_prefix(MAGIC)
        .is_some_and(|rest| rest.starts_with(' '))
}

fn derive_key(passphrase: &str, salt: &[u8], cost: Cost) -> Result<[u8; 32]> {
    let params = Params::new(cost.m_kib, cost.t, cost.p, Some(32))
        .map_err(|e| damaged(&format!("its key settings are refused: {e}")))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| Error::new(ErrorKind::Internal, format!("Deriving the key failed: {e}")))?;
    Ok(key)
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

/// Encrypts a backup's text under `passphrase` at `cost`. `random` is [`RANDOM_LEN`] bytes from
/// the platform's secure generator: the salt, then the nonce (never reuse them).
pub fn encrypt_backup(plain: &str, passphrase: &str, random: &[u8], cost: Cost) -> Result<String> {
    if passphrase.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidMessage,
            "Choose a passphrase to encrypt the backup.",
        ));
    }
    let (Ok(salt), Ok(nonce)) = (
        <[u8; SALT_LEN]>::try_from(random.get(..SALT_LEN).unwrap_or_default()),
        <[u8; NONCE_LEN]>::try_from(random.get(SALT_LEN..RANDOM_LEN).unwrap_or_default()),
    ) else {
        return Err(Error::new(
            ErrorKind::Internal,
            format!("Encrypting needs {RANDOM_LEN} random bytes."),
        ));
    };
    let header = Header { cost, salt, nonce };
    let line = header.line();
    let key = derive_key(passphrase, &salt, cost)?;
    let sealed = cipher(&key)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain.as_bytes(),
                aad: line.as_bytes(),
            },
        )
        .map_err(|_| Error::new(ErrorKind::Internal, "Encrypting the backup failed."))?;
    Ok(format!("{line}\n{}\n", STANDARD.encode(sealed)))
}

/// Opens an encrypted backup: its JSON text, or an error a person can act on. A wrong passphrase
/// and a changed byte look the same to the cipher, and the message says both.
pub fn decrypt_backup(file: &str, passphrase: &str) -> Result<String> {
    decrypt_with(file, passphrase, false)
}

/// [`decrypt_backup`], with the cost clamped when `clamp` is set (the fuzz harness's replay).
pub(crate) fn decrypt_with(file: &str, passphrase: &str, clamp: bool) -> Result<String> {
    let (line, body) = file
        .split_once('\n')
        .ok_or_else(|| damaged("it has no body"))?;
    let header = Header::parse(line)?;
    let cost = header.cost.checked(clamp)?;
    let body = body
        .strip_suffix('\n')
        .ok_or_else(|| damaged("it does not end where Rubrica ends it"))?;
    let sealed = STANDARD
        .decode(body)
        .map_err(|_| damaged("its body is not base64"))?;
    let key = derive_key(passphrase, &header.salt, cost)?;
    let plain = cipher(&key)
        .decrypt(
            XNonce::from_slice(&header.nonce),
            Payload {
                msg: &sealed,
                aad: line.as_bytes(),
            },
        )
        .map_err(|_| {
            Error::new(
                ErrorKind::Import,
                "Wrong passphrase, or the file was changed after it was saved: it cannot be \
                 opened. Nothing was imported.",
            )
        })?;
    String::from_utf8(plain).map_err(|_| damaged("its content is not text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANDOM: [u8; RANDOM_LEN] = [7; RANDOM_LEN];
    const BACKUP: &str =
        r#"{"format":"rubrica","schema":2,"kind":"backup","exportedAt":1,"data":{}}"#;

    fn sealed() -> String {
        encrypt_backup(BACKUP, "correct horse", &RANDOM, Cost::TEST).unwrap_or_default()
    }

    #[test]
    fn round_trip_with_the_right_passphrase() {
        let file = sealed();
        assert!(is_encrypted(&file));
        assert!(!is_encrypted(BACKUP));
        assert!(file.starts_with("rubrica-encrypted-backup 1 argon2id m=8 t=1 p=1 salt="));
        assert_eq!(
            decrypt_backup(&file, "correct horse").ok().as_deref(),
            Some(BACKUP)
        );
    }

    #[test]
    fn what_rubrica_writes_is_within_the_caps() {
        assert_eq!(Cost::WRITE.checked(false).ok(), Some(Cost::WRITE));
        let file = encrypt_backup(BACKUP, "pw", &RANDOM, Cost::TEST).unwrap_or_default();
        let header = Header::parse(file.lines().next().unwrap_or_default());
        assert_eq!(header.map(|h| h.cost).ok(), Some(Cost::TEST));
    }

    #[test]
    fn wrong_passphrase_is_refused_with_a_clear_message() {
        let e = decrypt_backup(&sealed(), "Correct horse").err();
        assert!(e.is_some_and(|e| e.kind == ErrorKind::Import
            && e.message
                .starts_with("Wrong passphrase, or the file was changed")));
    }

    /// Every byte of a small encrypted backup, flipped once, is detected (issue 13's figure).
    #[test]
    fn every_flipped_byte_is_detected() {
        let file = sealed().into_bytes();
        let mut detected = 0;
        for i in 0..file.len() {
            for mask in [0x01u8, 0x80] {
                let mut bad = file.clone();
                bad[i] ^= mask;
                let opened = std::str::from_utf8(&bad)
                    .ok()
                    .map(|t| decrypt_backup(t, "correct horse"));
                assert!(
                    !matches!(opened, Some(Ok(_))),
                    "byte {i} ^ {mask:#x} went unnoticed"
                );
                detected += 1;
            }
        }
        assert_eq!(detected, file.len() * 2);
    }

    #[test]
    fn hostile_costs_are_refused_before_deriving() {
        let mut header = Header::parse(sealed().lines().next().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        header.cost.m_kib = 4 * 1024 * 1024; // 4 GiB
        let file = format!("{}\nAAAA\n", header.line());
        let e = decrypt_backup(&file, "x").err();
        assert!(e.is_some_and(|e| e.message.contains("4096 MiB")));
        header.cost = Cost {
            m_kib: 64,
            t: 1_000_000,
            p: 1,
        };
        assert!(decrypt_backup(&format!("{}\nAAAA\n", header.line()), "x").is_err());
        header.cost = Cost {
            m_kib: 8,
            t: 1,
            p: 0,
        };
        assert!(decrypt_backup(&format!("{}\nAAAA\n", header.line()), "x").is_err());
    }

    #[test]
    fn non_canonical_headers_and_bodies_are_refused() {
        let file = sealed();
        for bad in [
            file.replacen(" m=8 ", " m=08 ", 1),
            file.replacen(" t=1 ", "  t=1 ", 1),
            file.replacen(" 1 argon2id", " 2 argon2id", 1),
            file.trim_end().to_string(),
            format!("{file}\n"),
            file.replace('\n', "\r\n"),
            "rubrica-encrypted-backup 1".to_string(),
        ] {
            assert!(decrypt_backup(&bad, "correct horse").is_err(), "{bad:?}");
        }
        assert!(decrypt_backup("", "x").is_err());
    }

    #[test]
    fn empty_passphrase_and_short_randomness_are_refused() {
        assert!(encrypt_backup(BACKUP, "", &RANDOM, Cost::TEST).is_err());
        assert!(encrypt_backup(BACKUP, "pw", &RANDOM[..10], Cost::TEST).is_err());
    }

    #[test]
    fn clamped_decryption_still_opens_cheap_files() {
        assert_eq!(
            decrypt_with(&sealed(), "correct horse", true)
                .ok()
                .as_deref(),
            Some(BACKUP)
        );
    }
}
