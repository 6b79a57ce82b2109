/// The byte-level alphabet of GPT-2 style BPE vocabularies: every byte 0…255 is spelled as one
/// printable Unicode scalar, so a vocabulary of byte strings can be stored as JSON text.
///
/// Bytes `!`…`~`, `¡`…`¬` and `®`…`ÿ` stand for themselves; the other 68 bytes (controls, space,
/// DEL, NBSP, soft hyphen) map in byte order to U+0100, U+0101, … (so space is `Ġ`, newline `Ċ`).
/// Ported from the table in HF `tokenizers` (`pre_tokenizers/byte_level.rs`, `bytes_char`).
enum ByteLevelAlphabet {
    /// The scalar that spells each byte (`[256]`).
    static let scalarForByte: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if Self.standsForItself(UInt8(byte)) {
                table[byte] = Unicode.Scalar(UInt8(byte))
            } else {
                table[byte] = Unicode.Scalar(next) ?? " "  // safe: 256…323 are valid scalars
                next += 1
            }
        }
        return table
    }()

    /// The byte a scalar spells, or nil when the scalar is not in the alphabet.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 256 {
            let byte = UInt8(value)
            return Self.standsForItself(byte) ? byte : nil
        }
        guard value < 256 + 68 else { return nil }
        return Self.remappedBytes[Int(value - 256)]
    }

    /// The bytes spelled by `text` when every scalar is in the alphabet; nil otherwise.
    static func bytes(spelledBy text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard let byte = Self.byte(for: scalar) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// The alphabet spelling of `bytes` (the form vocabulary entries take in tokenizer.json).
    static func spelling(of bytes: some Sequence<UInt8>) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(Self.scalarForByte[Int(byte)]) }
        return String(text)
    }

    private static func standsForItself(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
    }

    /// The bytes that are remapped, in order: U+0100 + i spells `remappedBytes[i]`.
    private static let remappedBytes: [UInt8] = (0...255).map { UInt8($0) }.filter { !Self.standsForItself($0) }
}
