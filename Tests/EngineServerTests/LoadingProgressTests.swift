#if canImport(Glibc)
import Glibc
#endif

import Basics
import Dispatch
import EngineProtocol
@testable import EngineServer
import Inference
import Testing
import TestSupport
import Tokenization

@Suite("Loading progress on /health", .dedicatedThreads)
struct LoadingProgressTests {
    @Test("/health answers 503 with the loader's progress while the model loads, then 200")
    func progressWhileLoading() throws {
        let directory = try TemporaryDirectory("progress")
        let model = try ModelDescriptor.load(directory: RepositoryLayout.tinyModel, maxContext: nil)
        let reported = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let scheduler = InferenceScheduler(
            configuration: InferenceScheduler.Configuration(cacheBudgetBytes: 64 << 20, maxContext: model.maxContext, modelFingerprint: model.fingerprint),
            reportingLoader: { progress in
                progress(0.25)
                progress(0.1)  // never goes back
                reported.signal()
                proceed.wait()
                return try ModelBootstrap.loadDeepSeekV4(directory: model.directory, threads: 1, maxContext: model.maxContext, progress: { progress(0.25 + 0.75 * $0) }).0
            })
        let service = EngineService(model: model, scheduler: scheduler, sessionDirectory: directory.appending("sessions"))
        service.setRuntime(EngineRuntime(tokenizer: try Tokenizer(modelDirectory: model.directory), facts: ModelFacts(parameterCount: 0, weightBytesByDtype: [:], openblasCore: "", threads: 1)))
        let server = try HTTPServer(configuration: ServerConfiguration(socketPath: directory.appending("engine.sock")), router: EngineRoutes.router(for: service))
        try server.start()
        defer {
            server.stop()
            scheduler.stop()
        }
        try scheduler.start()
        reported.wait()
        let loading = try RawConnection(server.socketPath)
        try loading.send("GET /health HTTP/1.1\r\n\r\n")
        let response = try loading.readResponse()
        #expect(response.status == 503)
        let status = try WireFormat.decode(HealthStatus.self, from: response.body)
        #expect(status.status == .loading)
        #expect(status.loadingProgress == 0.25)
        proceed.signal()
        let deadline = ContinuousClock.now + .seconds(60)
        var last = 0
        while ContinuousClock.now < deadline {
            let connection = try RawConnection(server.socketPath)
            try connection.send("GET /health HTTP/1.1\r\n\r\n")
            last = try connection.readResponse().status
            if last == 200 { break }
            usleep(10_000)
        }
        #expect(last == 200)
        #expect(scheduler.loadingProgress == 1)
    }
}
