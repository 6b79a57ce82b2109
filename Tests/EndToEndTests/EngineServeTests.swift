#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("seam-engine serve, end to end", .dedicatedThreads)
struct EngineServeTests {
    @Test("curl gets health and models from the real binary over its socket")
    func curlHealthAndModels() throws {
        let engine = try EngineTestProcess()
        let health = try engine.curl(["-w", "\n%{http_code}", "http://localhost/health"])
        #expect(health.succeeded)
        #expect(health.output.hasSuffix("\n200"))
        #expect(health.output.contains(#""status":"ok""#))
        #expect(health.output.contains(#""model":"deepseek-v4-tiny""#))
        #expect(health.output.contains(#""bundled_tiny_model":true"#))
        let models = try engine.curl(["http://localhost/v1/models"])
        #expect(models.output.contains(#""object":"list""#))
        #expect(models.output.contains(#""id":"deepseek-v4-tiny""#))
    }

    @Test("a bad request gets a 400 error object and the engine keeps serving")
    func badRequestThenHealth() throws {
        let engine = try EngineTestProcess()
        // A request line curl would never send: a space inside the target.
        let bad = try engine.curl(["-w", "\n%{http_code}", "--request-target", "/bad path", "http://localhost/"])
        #expect(bad.output.hasSuffix("\n400"))
        #expect(bad.output.contains(#""error":{"#))
        #expect(bad.output.contains(#""type":"invalid_request_error""#))
        let health = try engine.curl(["-w", "\n%{http_code}", "http://localhost/health"])
        #expect(health.output.hasSuffix("\n200"))
    }

    @Test("SIGTERM and SIGINT stop the engine with status 0 and remove the socket")
    func signals() throws {
        for signal in [SIGTERM, SIGINT] {
            let engine = try EngineTestProcess()
            #expect(FileSystem.exists(engine.socketPath))
            #expect(engine.stop(signal: signal) == 0)
            #expect(!FileSystem.exists(engine.socketPath))
            #expect(engine.log.contains("shutting down"))
        }
    }

    @Test("a second engine on a live socket refuses with one line and leaves the first running")
    func secondEngineRefused() throws {
        let engine = try EngineTestProcess()
        let second = try Subprocess.run(
            RepositoryLayout.product("seam-engine"),
            ["serve", "--model", RepositoryLayout.tinyModel, "--socket", engine.socketPath]
        )
        #expect(second.status == 1)
        #expect(second.errorOutput.contains("already serving"))
        #expect(second.errorOutput.split(separator: "\n").count == 1)
        let health = try engine.curl(["-w", "\n%{http_code}", "http://localhost/health"])
        #expect(health.output.hasSuffix("\n200"))
    }

    @Test("a missing model directory fails with one clear line and exit status 1")
    func missingModel() throws {
        let directory = try TemporaryDirectory("e2e")
        let result = try Subprocess.run(
            RepositoryLayout.product("seam-engine"),
            ["serve", "--model", directory.appending("nope"), "--socket", directory.appending("e.sock")]
        )
        #expect(result.status == 1)
        #expect(result.errorOutput == "seam-engine serve: model directory \(directory.appending("nope")) does not exist\n")
        #expect(!FileSystem.exists(directory.appending("e.sock")))
        let usage = try Subprocess.run(RepositoryLayout.product("seam-engine"), ["serve"])
        #expect(usage.status == 2)
        #expect(usage.errorOutput.contains("missing --model"))
    }
}
