import FoundationEssentials
import Tensors

/// One tensor of a safetensors file: its name, dtype, shape and bytes (inside the mapping).
package struct TensorView: @unchecked Sendable {
    // @unchecked: `bytes` points into an immutable mapping kept alive by `owner`.

    /// The tensor's name in the header.
    package let name: String
    /// Its element type.
    package let dtype: DType
    /// Dimensions, outermost first.
    package let shape: [Int]
    /// The tensor's bytes (nil when it has no elements).
    package let bytes: UnsafeRawPointer?
    /// Byte length (= element count × dtype size).
    package let byteCount: Int
    /// The file the tensor was read from.
    package let file: String
    /// Keeps `bytes` valid.
    package let owner: AnyObject

    /// Product of the dimensions.
    package var elementCount: Int { self.shape.reduce(1, *) }

    /// The elements converted to `Float` (F32, BF16, F16, F8_E4M3 without scale, F8_E8M0, I8,
    /// I32, I64 all convert exactly or as Float does).
    package func floats() -> [Float] {
        let count = self.elementCount
        guard let bytes, count > 0 else { return [] }
        var result = [Float](repeating: 0, count: count)
        for index in 0..<count {
            switch self.dtype {
            case .f32: result[index] = bytes.loadUnaligned(fromByteOffset: index * 4, as: Float.self)
            case .bf16: result[index] = ScalarFormats.bfloat16ToFloat(bytes.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            case .f16: result[index] = ScalarFormats.float16ToFloat(bytes.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            case .f8e4m3: result[index] = ScalarFormats.e4m3ToFloat(bytes.load(fromByteOffset: index, as: UInt8.self))
            case .f8e8m0: result[index] = ScalarFormats.e8m0ToFloat(bytes.load(fromByteOffset: index, as: UInt8.self))
            case .i8: result[index] = Float(bytes.load(fromByteOffset: index, as: Int8.self))
            case .i32: result[index] = Float(bytes.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
            case .i64: result[index] = Float(bytes.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
            }
        }
        return result
    }

    /// The elements of an integer tensor (I8, I32, I64) as `Int`; nil for float dtypes.
    package func integers() -> [Int]? {
        let count = self.elementCount
        guard let bytes, count > 0 else { return self.dtype == .i64 || self.dtype == .i32 || self.dtype == .i8 ? [] : nil }
        switch self.dtype {
        case .i64: return (0..<count).map { Int(bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        case .i32: return (0..<count).map { Int(bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        case .i8: return (0..<count).map { Int(bytes.load(fromByteOffset: $0, as: Int8.self)) }
        default: return nil
        }
    }
}

/// A safetensors file, memory-mapped, with its header validated: the header length is within
/// bounds, every tensor has a known dtype, non-negative dimensions and a byte range inside the
/// data section whose length is dtype × shape, and no two tensors overlap.
///
/// Format: 8-byte little-endian header length N, N bytes of JSON mapping names to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the data section),
/// an optional `__metadata__` object of strings, then the data.
package final class SafetensorsFile: @unchecked Sendable {
    // @unchecked: immutable after init.

    /// Headers larger than this are refused (the reference implementation's limit is 100 MB).
    package static let maximumHeaderBytes = 100_000_000

    /// The path it was read from (or a label for in-memory bytes).
    package let path: String
    /// The tensors by name.
    package let tensors: [String: TensorView]
    /// The `__metadata__` strings.
    package let metadata: [String: String]
    /// The size of the whole file in bytes.
    package let fileSize: Int

    /// Opens, maps and validates `path`.
    package convenience init(path: String) throws(CheckpointError) {
        let mapping = try MappedFile(path: path)
        try self.init(base: mapping.base, size: mapping.size, owner: mapping, label: path)
    }

    /// Validates safetensors bytes held in memory (copied); `label` names them in errors.
    package convenience init(bytes: [UInt8], label: String) throws(CheckpointError) {
        let buffer = OwnedBuffer(byteCount: bytes.count)
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { buffer.pointer.copyMemory(from: from, byteCount: source.count) }
        }
        try self.init(base: bytes.isEmpty ? nil : UnsafeRawPointer(buffer.pointer), size: bytes.count, owner: buffer, label: label)
    }

    private init(base: UnsafeRawPointer?, size: Int, owner: AnyObject, label path: String) throws(CheckpointError) {
        self.path = path
        self.fileSize = size
        guard size >= 8, let base else {
            throw CheckpointError(.truncated, file: path, "file is \(size) bytes, too short for a safetensors header length")
        }
        let headerLength = base.loadUnaligned(as: UInt64.self).littleEndian
        guard headerLength <= UInt64(Self.maximumHeaderBytes) else {
            throw CheckpointError(.badHeader, file: path, "header length \(headerLength) exceeds the \(Self.maximumHeaderBytes)-byte limit")
        }
        guard 8 + Int(headerLength) <= size else {
            throw CheckpointError(.truncated, file: path, "header length \(headerLength) runs past the end of the \(size)-byte file")
        }
        let headerBytes = UnsafeRawBufferPointer(start: base + 8, count: Int(headerLength))
        let header: RawHeader
        do {
            header = try JSONDecoder().decode(RawHeader.self, from: Data(headerBytes))
        } catch {
            throw CheckpointError(.badHeader, file: path, "header is not a valid safetensors JSON header (\(Self.brief(error)))")
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = size - dataStart
        var tensors: [String: TensorView] = [:]
        var ranges: [(begin: Int, end: Int, name: String)] = []
        for (name, entry) in header.entries {
            guard let dtype = DType(rawValue: entry.dtype) else {
                throw CheckpointError(.dtype, file: path, tensor: name, "unsupported dtype '\(entry.dtype)' (supported: \(DType.allCases.map(\.name).joined(separator: ", ")))")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw CheckpointError(.shape, file: path, tensor: name, "negative dimension in shape \(entry.shape)")
            }
            guard entry.dataOffsets.count == 2 else {
                throw CheckpointError(.badOffsets, file: path, tensor: name, "data_offsets must be [begin, end], got \(entry.dataOffsets)")
            }
            let begin = entry.dataOffsets[0]
            let end = entry.dataOffsets[1]
            guard begin >= 0, begin <= end else {
                throw CheckpointError(.badOffsets, file: path, tensor: name, "data_offsets [\(begin), \(end)] are not an increasing range")
            }
            guard end <= dataSize else {
                throw CheckpointError(.badOffsets, file: path, tensor: name, "data_offsets [\(begin), \(end)] run past the \(dataSize)-byte data section")
            }
            let (elements, overflow) = entry.shape.reduce((1, false)) { partial, dimension in
                let product = partial.0.multipliedReportingOverflow(by: dimension)
                return (product.partialValue, partial.1 || product.overflow)
            }
            let (expectedBytes, overflowBytes) = elements.multipliedReportingOverflow(by: dtype.byteSize)
            guard !overflow, !overflowBytes, expectedBytes == end - begin else {
                throw CheckpointError(.badOffsets, file: path, tensor: name, "\(dtype.name) \(entry.shape) needs \(expectedBytes) bytes but data_offsets [\(begin), \(end)] hold \(end - begin)")
            }
            tensors[name] = TensorView(
                name: name, dtype: dtype, shape: entry.shape, bytes: end > begin ? base + dataStart + begin : nil,
                byteCount: end - begin, file: path, owner: owner)
            ranges.append((begin, end, name))
        }
        ranges.sort { $0.begin < $1.begin || ($0.begin == $1.begin && $0.end < $1.end) }
        var previous: (end: Int, name: String)?
        for range in ranges where range.end > range.begin {
            if let previous, range.begin < previous.end {
                throw CheckpointError(.overlap, file: path, tensor: range.name, "bytes [\(range.begin), \(range.end)) overlap tensor '\(previous.name)'")
            }
            previous = (range.end, range.name)
        }
        self.tensors = tensors
        self.metadata = header.metadata
    }

    private static func brief(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context): return context.debugDescription
            case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' in \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            @unknown default: return "\(decoding)"
            }
        }
        return "\(error)"
    }
}

/// The JSON header: tensor entries under arbitrary names, plus `__metadata__`.
private struct RawHeader: Decodable {
    struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                self.metadata = try container.decode([String: String].self, forKey: key)
            } else {
                self.entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
    }
}
