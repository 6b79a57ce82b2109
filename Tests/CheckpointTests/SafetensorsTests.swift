import Basics
import Testing
import TestSupport

@testable import Checkpoint
@testable import Tensors

@Suite("Safetensors files")
struct SafetensorsTests {
    /// Opens `bytes` written to a temporary file and returns the error it produces.
    func openError(_ bytes: [UInt8]) throws -> CheckpointError? {
        let directory = try TemporaryDirectory("st")
        let path = try directory.write("x.safetensors", bytes: bytes)
        do {
            _ = try SafetensorsFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("a written file reads back with the same names, dtypes, shapes and values")
    func roundTrip() throws {
        var writer = SafetensorsWriter()
        writer.metadata = ["format": "pt"]
        writer.add("a", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
        writer.add("b", shape: [4], bfloat16: [1, -2, 0.5, 3])
        writer.add("c", dtype: .i64, shape: [2], integers: [7, -1])
        let file = try SafetensorsFile(bytes: writer.serialized(), label: "memory")
        #expect(file.metadata == ["format": "pt"])
        #expect(file.tensors["a"]?.shape == [2, 3])
        #expect(file.tensors["a"]?.floats() == [1, 2, 3, 4, 5, 6])
        #expect(file.tensors["b"]?.dtype == .bf16)
        #expect(file.tensors["b"]?.floats() == [1, -2, 0.5, 3])
        #expect(file.tensors["c"]?.integers() == [7, -1])
    }

    @Test("a file cut inside its data is reported as a tensor running past the data")
    func truncatedData() throws {
        var writer = SafetensorsWriter()
        writer.add("weights", shape: [64], floats: Array(repeating: 1, count: 64))
        let bytes = writer.serialized()
        let error = try self.openError(Array(bytes.dropLast(10)))
        #expect(error?.code == .badOffsets)
        #expect(error?.tensor == "weights")
        #expect(error?.description.contains("run past") == true)
    }

    @Test("a file too short for its header length is reported as truncated")
    func truncatedHeader() throws {
        #expect(try self.openError([1, 2, 3])?.code == .truncated)
        let lying = CheckpointFixtures.rawFile(header: "{}", data: [])
        var bytes = lying
        bytes[0] = 200  // header length 200 but the file has 10 bytes
        let error = try self.openError(bytes)
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("runs past the end") == true)
    }

    @Test("a header whose offsets disagree with dtype × shape is refused")
    func lyingOffsets() throws {
        let header = #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,12]}}"#
        let error = try self.openError(CheckpointFixtures.rawFile(header: header, data: Array(repeating: 0, count: 16)))
        #expect(error?.code == .badOffsets)
        #expect(error?.description.hasSuffix("/x.safetensors: tensor 'w': F32 [4] needs 16 bytes but data_offsets [0, 12] hold 12") == true)
        let beyond = #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#
        #expect(try self.openError(CheckpointFixtures.rawFile(header: beyond, data: Array(repeating: 0, count: 16)))?.code == .badOffsets)
    }

    @Test("overlapping tensors are refused, naming both")
    func overlap() throws {
        let header = #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#
        let error = try self.openError(CheckpointFixtures.rawFile(header: header, data: Array(repeating: 0, count: 24)))
        #expect(error?.code == .overlap)
        #expect(error?.description.contains("'b'") == true && error?.description.contains("'a'") == true)
    }

    @Test("unknown dtypes, negative dimensions and non-JSON headers each give one clear error")
    func malformedHeaders() throws {
        let f64 = #"{"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#
        let dtypeError = try self.openError(CheckpointFixtures.rawFile(header: f64, data: Array(repeating: 0, count: 8)))
        #expect(dtypeError?.code == .dtype)
        #expect(dtypeError?.description.contains("unsupported dtype 'F64'") == true)
        let negative = #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#
        #expect(try self.openError(CheckpointFixtures.rawFile(header: negative, data: []))?.code == .shape)
        #expect(try self.openError(CheckpointFixtures.rawFile(header: "not json", data: []))?.code == .badHeader)
    }
}
