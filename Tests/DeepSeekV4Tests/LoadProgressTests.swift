import Basics
import Checkpoint
import Testing
import TestSupport

@testable import DeepSeekV4

/// Collects progress reports (loading runs on the calling thread).
private final class ProgressLog: @unchecked Sendable {
    // @unchecked: written and read by the test's thread only.
    var values: [Double] = []
}

@Suite("Loading progress")
struct LoadProgressTests {
    @Test("loading reports a rising fraction from 0 to 1 through every stage, for sharded and single-file checkpoints", arguments: Fixture.allCases)
    func rises(fixture: Fixture) throws {
        let log = ProgressLog()
        let model = try DeepSeekV4Model.load(directory: fixture.modelDirectory, progress: { log.values.append($0) })
        let values = log.values
        #expect(values.first == 0)
        #expect(values.last == 1)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "\(values)")
        // files mapped (≤ 0.4), tensors checked (0.4…0.7), and one report per layer bound (> 0.7)
        #expect(values.contains { $0 > 0 && $0 <= 0.4 })
        #expect(values.contains { $0 > 0.4 && $0 <= 0.7 })
        #expect(values.filter { $0 > 0.7 && $0 < 1 }.count >= model.configuration.layerCount - 1)
    }

    @Test("a checkpoint that fails validation stops reporting short of 1 and throws")
    func failure() throws {
        let directory = try TemporaryDirectory("progress")
        for name in ["config.json", "model.safetensors.index.json", "model-00001-of-00002.safetensors"] {
            _ = try directory.write(name, bytes: try TestFiles.read(RepositoryLayout.fixture("deepseek-v4-small-fp8/" + name)))
        }
        let log = ProgressLog()
        #expect(throws: (any Error).self) { _ = try DeepSeekV4Model.load(directory: directory.path, progress: { log.values.append($0) }) }
        #expect(log.values.allSatisfy { $0 < 1 })
    }
}
