import Basics
import EngineProtocol
import TestSupport

/// Reads integer tensors and facts from a fixture's `reference.safetensors` / `reference.json`
/// (format in Tests/Fixtures/README.md).
enum ReferenceFixture {
    /// The I32 tensor `name` of `reference.safetensors` in `fixture`.
    static func integers(_ name: String, fixture: String) throws -> [Int] {
        let bytes = try TestFiles.read(RepositoryLayout.fixture(fixture + "/reference.safetensors"))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        let header = try WireFormat.decode([String: JSONValue].self, from: Array(bytes[8..<(8 + headerLength)]))
        guard let entry = header[name], entry["dtype"]?.stringValue == "I32",
            case .array(let offsets)? = entry["data_offsets"], offsets.count == 2,
            case .number(let start) = offsets[0], case .number(let end) = offsets[1]
        else {
            throw SystemError("\(name) is not an I32 tensor in the \(fixture) reference")
        }
        let base = 8 + headerLength
        return stride(from: base + Int(start), to: base + Int(end), by: 4).map { offset in
            Int(Int32(bitPattern: bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }))
        }
    }

    /// `reference.json` of `fixture`.
    static func facts(fixture: String) throws -> [String: JSONValue] {
        try WireFormat.decode([String: JSONValue].self, from: try TestFiles.read(RepositoryLayout.fixture(fixture + "/reference.json")))
    }
}
