import Basics
import Checkpoint
import Tensors
import TestSupport

/// Builds checkpoint directories for the corrupt-input tests from the bundled tiny model:
/// every tensor copied, then changed by the test.
struct TensorRecord {
    var dtype: DType
    var shape: [Int]
    var bytes: [UInt8]
}

enum CheckpointFixtures {
    /// The tiny model's tensors as editable records.
    static func tinyTensors() throws -> [String: TensorRecord] {
        let file = try SafetensorsFile(path: RepositoryLayout.tinyModel + "/model.safetensors")
        var records: [String: TensorRecord] = [:]
        for (name, view) in file.tensors {
            let bytes = view.bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: view.byteCount)) } ?? []
            records[name] = TensorRecord(dtype: view.dtype, shape: view.shape, bytes: bytes)
        }
        return records
    }

    /// The tiny model's config.json text.
    static func tinyConfig() throws -> String {
        try TestFiles.readText(RepositoryLayout.tinyModel + "/config.json")
    }

    /// Writes `config` and `tensors` as a one-file checkpoint into `directory`.
    static func write(_ tensors: [String: TensorRecord], config: String, to directory: TemporaryDirectory) throws {
        var writer = SafetensorsWriter()
        for name in tensors.keys.sorted() {
            let record = tensors[name]!  // safe: iterating the keys
            writer.add(name, dtype: record.dtype, shape: record.shape, bytes: record.bytes)
        }
        try directory.write("config.json", config)
        try directory.write("model.safetensors", bytes: writer.serialized())
    }

    /// A safetensors file from a hand-written header and data bytes.
    static func rawFile(header: String, data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        let headerBytes = Array(header.utf8)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + headerBytes + data
    }
}
