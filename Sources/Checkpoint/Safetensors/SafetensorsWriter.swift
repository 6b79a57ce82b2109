import Basics
import FoundationEssentials
import Tensors

#if canImport(Glibc)
import Glibc
#endif

/// Builds safetensors bytes: tensors in the order added, packed without gaps, the header
/// padded with spaces to a multiple of 8 bytes as the reference writer does.
package struct SafetensorsWriter: Sendable {
    private var entries: [(name: String, dtype: DType, shape: [Int], bytes: [UInt8])] = []
    /// `__metadata__` strings written into the header.
    package var metadata: [String: String] = [:]

    /// An empty file.
    package init() {}

    /// Adds a tensor with raw little-endian element bytes (`bytes.count` must be elements × size).
    package mutating func add(_ name: String, dtype: DType, shape: [Int], bytes: [UInt8]) {
        precondition(shape.reduce(1, *) * dtype.byteSize == bytes.count, "\(name): byte count does not match \(dtype.name) \(shape)")
        self.entries.append((name, dtype, shape, bytes))
    }

    /// Adds an F32 tensor.
    package mutating func add(_ name: String, shape: [Int], floats: [Float]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(floats.count * 4)
        for value in floats { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        self.add(name, dtype: .f32, shape: shape, bytes: bytes)
    }

    /// Adds a BF16 tensor (values rounded to nearest even).
    package mutating func add(_ name: String, shape: [Int], bfloat16 floats: [Float]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(floats.count * 2)
        for value in floats { withUnsafeBytes(of: ScalarFormats.floatToBFloat16(value).littleEndian) { bytes.append(contentsOf: $0) } }
        self.add(name, dtype: .bf16, shape: shape, bytes: bytes)
    }

    /// Adds an I32 or I64 tensor.
    package mutating func add(_ name: String, dtype: DType, shape: [Int], integers: [Int]) {
        var bytes: [UInt8] = []
        for value in integers {
            switch dtype {
            case .i64: withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
            case .i32: withUnsafeBytes(of: Int32(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) }
            case .i8: bytes.append(UInt8(bitPattern: Int8(truncatingIfNeeded: value)))
            default: preconditionFailure("not an integer dtype: \(dtype.name)")
            }
        }
        self.add(name, dtype: dtype, shape: shape, bytes: bytes)
    }

    /// The complete file contents.
    package func serialized() -> [UInt8] {
        var header = "{"
        var first = true
        if !self.metadata.isEmpty {
            let pairs = self.metadata.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(self.metadata[$0] ?? ""))" }
            header += "\"__metadata__\":{" + pairs.joined(separator: ",") + "}"
            first = false
        }
        var offset = 0
        for entry in self.entries {
            if !first { header += "," }
            first = false
            let shape = entry.shape.map(String.init).joined(separator: ",")
            header += "\(Self.quoted(entry.name)):{\"dtype\":\"\(entry.dtype.name)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.bytes.count)]}"
            offset += entry.bytes.count
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var result: [UInt8] = []
        result.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { result.append(contentsOf: $0) }
        result.append(contentsOf: headerBytes)
        for entry in self.entries { result.append(contentsOf: entry.bytes) }
        return result
    }

    /// Writes the file atomically: to `path.tmp-PID`, then renamed over `path`.
    package func write(to path: String) throws(CheckpointError) {
        let bytes = self.serialized()
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CheckpointError(.io, file: path, "cannot create: \(String(cString: strerror(errno)))") }
        var offset = 0
        var failed = false
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress.unsafelyUnwrapped + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 {
                    failed = true
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 { failed = true }
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CheckpointError(.io, file: path, "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    private static func quoted(_ text: String) -> String {
        OrderedJSON.quoted(text)
    }
}
