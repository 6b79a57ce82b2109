/// The on-disk format of a saved session: the tokens a cache consumed, the cache's own bytes
/// and the last logits, with a format version, the model's fingerprint and a checksum.
///
/// Layout (integers little-endian):
/// ```
/// "SEAMSESS"                     8 bytes magic
/// version        u32             SessionFile.formatVersion
/// fingerprint    u32 length + UTF-8   which model wrote it (see `LanguageModel` adapters)
/// token count    u32, then that many i32 token ids
/// cache length   u64, then the cache bytes (`TokenCache.serialized()`)
/// logits count   u32 (0 when absent), then that many f32
/// checksum       u32             CRC-32 of every byte before it
/// ```
/// Decoding checks the magic, the version, the checksum, the fingerprint and every length, so a
/// truncated, corrupt or foreign file is refused with one clear error before the model sees it.
package enum SessionFile {
    /// The format version written and read.
    package static let formatVersion: UInt32 = 1
    private static let magic = Array("SEAMSESS".utf8)

    /// A decoded file.
    package struct Contents: Sendable, Hashable {
        package var fingerprint: String
        package var tokens: [Int]
        package var cacheBytes: [UInt8]
        package var logits: [Float]?
        /// The stored checksum (verified).
        package var checksum: UInt32
    }

    /// Encodes a session; returns the bytes and their checksum.
    package static func encode(fingerprint: String, tokens: [Int], cacheBytes: [UInt8], logits: [Float]?) -> (bytes: [UInt8], checksum: UInt32) {
        var bytes = self.magic
        bytes.reserveCapacity(64 + tokens.count * 4 + cacheBytes.count + (logits?.count ?? 0) * 4)
        append(UInt32(self.formatVersion), to: &bytes)
        let fingerprintBytes = Array(fingerprint.utf8)
        append(UInt32(fingerprintBytes.count), to: &bytes)
        bytes += fingerprintBytes
        append(UInt32(tokens.count), to: &bytes)
        for token in tokens { append(UInt32(bitPattern: Int32(truncatingIfNeeded: token)), to: &bytes) }
        append(UInt64(cacheBytes.count), to: &bytes)
        bytes += cacheBytes
        let values = logits ?? []
        append(UInt32(values.count), to: &bytes)
        for value in values { append(value.bitPattern, to: &bytes) }
        let checksum = CRC32.checksum(bytes)
        append(checksum, to: &bytes)
        return (bytes, checksum)
    }

    /// Decodes and verifies a session file written for the model with `fingerprint`.
    package static func decode(_ bytes: [UInt8], expectedFingerprint: String) throws(SessionFileError) -> Contents {
        guard bytes.count >= self.magic.count + 4, bytes.starts(with: self.magic) else {
            throw SessionFileError("not a seam session file")
        }
        var reader = Reader(bytes: bytes, position: self.magic.count)
        let version = try reader.uint32()
        guard version == self.formatVersion else {
            throw SessionFileError("session format version \(version) is not supported (this engine reads version \(self.formatVersion))")
        }
        guard bytes.count >= self.magic.count + 8 else { throw SessionFileError("the session file is truncated") }
        let stored = UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8
            | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24
        let computed = bytes.withUnsafeBufferPointer { buffer in
            var crc = CRC32()
            crc.update(UnsafeBufferPointer(rebasing: buffer[0..<(buffer.count - 4)]))
            return crc.value
        }
        guard stored == computed else {
            throw SessionFileError("the session file is corrupt (checksum mismatch: stored \(hex(stored)), computed \(hex(computed)))")
        }
        reader.end = bytes.count - 4
        let fingerprintLength = Int(try reader.uint32())
        let fingerprint = String(decoding: try reader.take(fingerprintLength), as: UTF8.self)
        guard fingerprint == expectedFingerprint else {
            throw SessionFileError("the session was saved by another model (\(fingerprint)); this engine runs \(expectedFingerprint)")
        }
        let tokenCount = Int(try reader.uint32())
        guard tokenCount <= (reader.end - reader.position) / 4 else { throw SessionFileError("the session file is truncated") }
        var tokens: [Int] = []
        tokens.reserveCapacity(tokenCount)
        for _ in 0..<tokenCount { tokens.append(Int(Int32(bitPattern: try reader.uint32()))) }
        let cacheLength = try reader.uint64()
        guard cacheLength <= UInt64(reader.end - reader.position) else { throw SessionFileError("the session file is truncated") }
        let cacheBytes = Array(try reader.take(Int(cacheLength)))
        let logitsCount = Int(try reader.uint32())
        guard logitsCount <= (reader.end - reader.position) / 4 else { throw SessionFileError("the session file is truncated") }
        var logits: [Float] = []
        logits.reserveCapacity(logitsCount)
        for _ in 0..<logitsCount { logits.append(Float(bitPattern: try reader.uint32())) }
        guard reader.position == reader.end else { throw SessionFileError("the session file has \(reader.end - reader.position) unexpected trailing bytes") }
        return Contents(fingerprint: fingerprint, tokens: tokens, cacheBytes: cacheBytes, logits: logitsCount > 0 ? logits : nil, checksum: stored)
    }

    private struct Reader {
        var bytes: [UInt8]
        var position: Int
        var end: Int

        init(bytes: [UInt8], position: Int) {
            self.bytes = bytes
            self.position = position
            self.end = bytes.count
        }

        mutating func take(_ count: Int) throws(SessionFileError) -> ArraySlice<UInt8> {
            guard count >= 0, count <= self.end - self.position else { throw SessionFileError("the session file is truncated") }
            defer { self.position += count }
            return self.bytes[self.position..<(self.position + count)]
        }

        mutating func uint32() throws(SessionFileError) -> UInt32 {
            let slice = try self.take(4)
            return slice.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func uint64() throws(SessionFileError) -> UInt64 {
            let slice = try self.take(8)
            return slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}

/// A session file that cannot be used, and why.
package struct SessionFileError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { self.message }
}

private func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
    var little = value.littleEndian
    withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
}

/// `value` as eight hex digits.
package func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
