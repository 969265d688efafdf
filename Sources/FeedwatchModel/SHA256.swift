import CCrypto

/// SHA-256 (FIPS 180-4), for stable ids and content hashes. Not for secrets.
///
/// OpenSSL's libcrypto does the work (libcurl loads it anyway): with the CPU's SHA extensions it
/// hashes at over a gigabyte a second, several times what portable Swift code manages, and the
/// daemon hashes every item of every changed feed.
public enum SHA256 {
    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Int(SHA256_DIGEST_LENGTH)) { digest, count in
            message.withUnsafeBufferPointer { bytes in
                _ = CCrypto.SHA256(bytes.baseAddress, bytes.count, digest.baseAddress)
            }
            count = Int(SHA256_DIGEST_LENGTH)
        }
    }

    /// The digest as lower-case hexadecimal.
    public static func hex(of message: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let digest = digest(message)
        return String(unsafeUninitializedCapacity: digest.count * 2) { out in
            for (index, byte) in digest.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return digest.count * 2
        }
    }
}
