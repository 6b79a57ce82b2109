import Basics
import FoundationEssentials

/// A checkpoint directory in the Hugging Face layout: `config.json` plus either one
/// `model.safetensors` or shards listed by `model.safetensors.index.json`.
///
/// Every shard is mapped and validated; the index and the shards must agree exactly (each
/// indexed tensor is in its shard, each shard tensor is indexed, no tensor in two shards).
package final class CheckpointDirectory: @unchecked Sendable {
    // @unchecked: immutable after init.

    /// The directory.
    package let path: String
    /// Its validated config.json.
    package let configuration: ModelConfiguration
    /// The safetensors files, in index order (one for an unsharded checkpoint).
    package let files: [SafetensorsFile]
    /// Every tensor of every file, by name.
    package let tensors: [String: TensorView]

    /// Opens `path`: reads config.json, maps and validates the safetensors files. `progress`
    /// gets the fraction of the files mapped and validated so far, after each file.
    package init(path: String, progress: ((Double) -> Void)? = nil) throws(CheckpointError) {
        self.path = path
        self.configuration = try ModelConfiguration.load(directory: path)
        let indexPath = path + "/model.safetensors.index.json"
        let singlePath = path + "/model.safetensors"
        if Self.exists(indexPath) {
            let weightMap = try Self.readIndex(indexPath)
            var fileNames: [String] = []
            for name in weightMap.values where !fileNames.contains(name) { fileNames.append(name) }
            fileNames.sort()
            var files: [SafetensorsFile] = []
            var tensors: [String: TensorView] = [:]
            for (fileIndex, fileName) in fileNames.enumerated() {
                guard !fileName.contains("/"), fileName != "..", fileName != "." else {
                    throw CheckpointError(.index, file: indexPath, "shard name '\(fileName)' must be a file name in the checkpoint directory")
                }
                let filePath = path + "/" + fileName
                guard Self.exists(filePath) else {
                    throw CheckpointError(.index, file: indexPath, "lists shard '\(fileName)', which does not exist")
                }
                let file = try SafetensorsFile(path: filePath)
                for (name, view) in file.tensors {
                    guard weightMap[name] == fileName else {
                        let listed = weightMap[name].map { "in '\($0)'" } ?? "nowhere"
                        throw CheckpointError(.index, file: filePath, tensor: name, "is in this shard but the index lists it \(listed)")
                    }
                    tensors[name] = view
                }
                files.append(file)
                progress?(Double(fileIndex + 1) / Double(fileNames.count))
            }
            for (name, fileName) in weightMap.sorted(by: { $0.key < $1.key }) where tensors[name] == nil {
                throw CheckpointError(.index, file: path + "/" + fileName, tensor: name, "is listed in the index but missing from this shard")
            }
            self.files = files
            self.tensors = tensors
        } else if Self.exists(singlePath) {
            let file = try SafetensorsFile(path: singlePath)
            self.files = [file]
            self.tensors = file.tensors
            progress?(1)
        } else {
            throw CheckpointError(.io, file: path, "no model.safetensors or model.safetensors.index.json in the directory")
        }
    }

    /// Total bytes of the safetensors files.
    package var fileBytes: Int { self.files.reduce(0) { $0 + $1.fileSize } }

    private static func exists(_ path: String) -> Bool {
        FileSystem.exists(path)
    }

    private struct Index: Decodable {
        var weightMap: [String: String]
        enum CodingKeys: String, CodingKey { case weightMap = "weight_map" }
    }

    private static func readIndex(_ path: String) throws(CheckpointError) -> [String: String] {
        let mapped = try MappedFile(path: path)
        let bytes = mapped.base.map { Data(UnsafeRawBufferPointer(start: $0, count: mapped.size)) } ?? Data()
        do {
            return try JSONDecoder().decode(Index.self, from: bytes).weightMap
        } catch {
            throw CheckpointError(.index, file: path, "is not a valid index (expected {\"weight_map\": {tensor: file}})")
        }
    }
}
