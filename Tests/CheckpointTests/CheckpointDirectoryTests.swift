import Basics
import Testing
import TestSupport

@testable import Checkpoint
@testable import Tensors

@Suite("Checkpoint directories, config.json and the weight table")
struct CheckpointDirectoryTests {
    /// Loads `directory` through the weight table and returns the error, if any.
    func loadError(_ directory: TemporaryDirectory) -> CheckpointError? {
        do {
            let checkpoint = try CheckpointDirectory(path: directory.path)
            _ = try WeightTable(configuration: checkpoint.configuration).verify(checkpoint)
            return nil
        } catch {
            return error
        }
    }

    @Test("the bundled tiny BF16 checkpoint passes the weight table")
    func tinyLoads() throws {
        let checkpoint = try CheckpointDirectory(path: RepositoryLayout.tinyModel)
        let weights = try WeightTable(configuration: checkpoint.configuration).verify(checkpoint)
        #expect(checkpoint.configuration.compressRatios == [0, 4, 16, 4, 0])
        #expect(checkpoint.configuration.attentionKind(layer: 2) == .heavilyCompressed(ratio: 16))
        #expect(weights.mtpTensors.isEmpty)
        #expect(weights.matrix("layers.1.attn.wq_b.weight").format == .bfloat16)
        #expect(weights.parameterCount > 0)
    }

    @Test("the sharded FP8/FP4 checkpoint loads through its index and recognises the MTP block")
    func smallLoads() throws {
        let checkpoint = try CheckpointDirectory(path: RepositoryLayout.fixture("deepseek-v4-small-fp8"))
        #expect(checkpoint.files.count == 2)
        let weights = try WeightTable(configuration: checkpoint.configuration).verify(checkpoint)
        #expect(weights.matrix("layers.0.attn.wq_a.weight").format == .fp8Block128)
        let expert = weights.matrix("layers.3.ffn.experts.5.w2.weight")
        #expect(expert.format == .fp4Group32 && expert.rows == 256 && expert.columns == 128)
        #expect(!weights.mtpTensors.isEmpty)
        #expect(weights.mtpTensors.keys.allSatisfy { $0.hasPrefix("mtp.0.") })
        #expect(checkpoint.configuration.quantization?.weightBlockSize == [128, 128])
        #expect(checkpoint.configuration.expertDType == "fp4")
    }

    @Test("tid2eid as the releases store it (I64) loads, and an out-of-range expert is refused")
    func releasedHashTable() throws {
        var tensors = try CheckpointFixtures.tinyTensors()
        let name = "layers.0.ffn.gate.tid2eid"
        let view = try #require(tensors[name])
        #expect(view.dtype == .bf16)  // the fixture generator stores the table as BF16
        let values = stride(from: 0, to: view.bytes.count, by: 2).map { offset in
            Int(ScalarFormats.bfloat16ToFloat(UInt16(view.bytes[offset]) | UInt16(view.bytes[offset + 1]) << 8))
        }
        var writer = SafetensorsWriter()
        writer.add(name, dtype: .i64, shape: view.shape, integers: values)
        tensors[name] = TensorRecord(dtype: .i64, shape: view.shape, bytes: Array(writer.serialized().suffix(values.count * 8)))
        let directory = try TemporaryDirectory("ckpt")
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        #expect(self.loadError(directory) == nil)
        var bad = values
        bad[5] = 8  // the tiny model has experts 0..<8
        var badWriter = SafetensorsWriter()
        badWriter.add(name, dtype: .i64, shape: view.shape, integers: bad)
        tensors[name] = TensorRecord(dtype: .i64, shape: view.shape, bytes: Array(badWriter.serialized().suffix(bad.count * 8)))
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        let error = self.loadError(directory)
        #expect(error?.tensor == name && error?.description.contains("element 5 is 8.0, expected an expert index in 0..<8") == true)
    }

    @Test("a tensor with the wrong dtype is named with what was expected")
    func wrongDType() throws {
        var tensors = try CheckpointFixtures.tinyTensors()
        tensors["layers.2.attn_norm.weight"] = TensorRecord(dtype: .i32, shape: [64], bytes: Array(repeating: 0, count: 256))
        let directory = try TemporaryDirectory("ckpt")
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        let error = self.loadError(directory)
        #expect(error?.code == .dtype)
        #expect(error?.description.hasSuffix("tensor 'layers.2.attn_norm.weight': dtype I32, expected F32, BF16 or F16") == true)
    }

    @Test("a tensor with the wrong shape is named with the expected shape")
    func wrongShape() throws {
        var tensors = try CheckpointFixtures.tinyTensors()
        let original = tensors["layers.0.attn.wq_a.weight"]!  // safe: present in the fixture
        tensors["layers.0.attn.wq_a.weight"] = TensorRecord(dtype: original.dtype, shape: [64, 48], bytes: original.bytes)
        let directory = try TemporaryDirectory("ckpt")
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        let error = self.loadError(directory)
        #expect(error?.code == .shape)
        #expect(error?.description.hasSuffix("tensor 'layers.0.attn.wq_a.weight': shape [64, 48], expected [48, 64]") == true)
    }

    @Test("a missing tensor is named")
    func missingTensor() throws {
        var tensors = try CheckpointFixtures.tinyTensors()
        tensors["layers.3.ffn.experts.7.w2.weight"] = nil
        let directory = try TemporaryDirectory("ckpt")
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        let error = self.loadError(directory)
        #expect(error?.code == .missing)
        #expect(error?.tensor == "layers.3.ffn.experts.7.w2.weight")
    }

    @Test("an unexpected tensor is refused while mtp tensors are recognised")
    func unexpectedTensor() throws {
        var tensors = try CheckpointFixtures.tinyTensors()
        tensors["mtp.0.enorm.weight"] = TensorRecord(dtype: .f32, shape: [1], bytes: [0, 0, 128, 63])
        let directory = try TemporaryDirectory("ckpt")
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        #expect(self.loadError(directory) == nil)
        tensors["layers.0.attn.extra.weight"] = TensorRecord(dtype: .f32, shape: [1], bytes: [0, 0, 128, 63])
        try CheckpointFixtures.write(tensors, config: try CheckpointFixtures.tinyConfig(), to: directory)
        let error = self.loadError(directory)
        #expect(error?.code == .unexpected)
        #expect(error?.tensor == "layers.0.attn.extra.weight")
    }

    @Test("an FP8 weight without its block scales is refused")
    func missingScale() throws {
        let source = try CheckpointDirectory(path: RepositoryLayout.fixture("deepseek-v4-small-fp8"))
        var writer = SafetensorsWriter()
        for (name, view) in source.tensors.sorted(by: { $0.key < $1.key }) where name != "layers.1.attn.wkv.scale" {
            let bytes = view.bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: view.byteCount)) } ?? []
            writer.add(name, dtype: view.dtype, shape: view.shape, bytes: bytes)
        }
        let directory = try TemporaryDirectory("ckpt")
        try directory.write("config.json", try TestFiles.readText(RepositoryLayout.fixture("deepseek-v4-small-fp8/config.json")))
        try directory.write("model.safetensors", bytes: writer.serialized())
        let error = self.loadError(directory)
        #expect(error?.code == .missing)
        #expect(error?.tensor == "layers.1.attn.wkv.scale")
        #expect(error?.description.contains("F8_E8M0 [1, 2]") == true)
    }

    @Test("inconsistent configs are refused naming the key")
    func inconsistentConfig() throws {
        let config = try CheckpointFixtures.tinyConfig()
        let cases: [(String, String, String)] = [
            ("\"compress_ratios\": [\n    0,\n    4,\n    16,\n    4,\n    0\n  ]", "\"compress_ratios\": [0, 4, 16]", "compress_ratios has 3 entries"),
            ("\"o_groups\": 2", "\"o_groups\": 3", "divisible by o_groups"),
            ("\"num_hash_layers\": 1", "\"num_hash_layers\": 9", "num_hash_layers (9)"),
            ("\"hidden_size\": 64,", "", "missing key 'hidden_size'"),
            ("\"model_type\": \"deepseek_v4\"", "\"model_type\": \"llama\"", "model_type 'llama' is not supported"),
        ]
        for (original, replacement, message) in cases {
            #expect(config.contains(original), "fixture text changed: \(original)")
            let directory = try TemporaryDirectory("cfg")
            try directory.write("config.json", replacing(config, original, replacement))
            do {
                _ = try ModelConfiguration.load(directory: directory.path)
                Issue.record("accepted a config with \(replacement)")
            } catch {
                #expect(error.code == .config)
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    @Test("an index that lists a missing shard or disagrees with a shard is refused")
    func brokenIndex() throws {
        let fixture = RepositoryLayout.fixture("deepseek-v4-small-fp8")
        let directory = try TemporaryDirectory("idx")
        for name in ["config.json", "model-00001-of-00002.safetensors", "model.safetensors.index.json"] {
            try directory.write(name, bytes: try TestFiles.read(fixture + "/" + name))
        }
        var failure: CheckpointError?
        do { _ = try CheckpointDirectory(path: directory.path) } catch { failure = error }
        #expect(failure?.code == .index)
        #expect(failure?.description.contains("lists shard 'model-00002-of-00002.safetensors', which does not exist") == true)
        try directory.write("model-00002-of-00002.safetensors", bytes: try TestFiles.read(fixture + "/model-00001-of-00002.safetensors"))
        failure = nil
        do { _ = try CheckpointDirectory(path: directory.path) } catch { failure = error }
        #expect(failure?.code == .index)
    }
}

/// `text` with every occurrence of `target` replaced.
private func replacing(_ text: String, _ target: String, _ replacement: String) -> String {
    text.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
}
