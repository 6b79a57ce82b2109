/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as in zlib and PNG, for session files.
package struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    private var state: UInt32 = 0xFFFF_FFFF

    package init() {}

    /// Adds bytes.
    package mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var state = self.state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                state = table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8)
            }
        }
        self.state = state
    }

    /// Adds bytes from an array (fast path).
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { self.update($0) }
    }

    /// Adds bytes from a buffer.
    package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var state = self.state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                state = table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8)
            }
        }
        self.state = state
    }

    /// The checksum of everything added.
    package var value: UInt32 { self.state ^ 0xFFFF_FFFF }

    /// The checksum of `bytes`.
    package static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
