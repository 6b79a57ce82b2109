#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import EngineProtocol
import Inference

/// `GET /v1/engine/state` and the session routes under `/v1/engine/sessions`.
enum EngineStateRoutes {
    static func add(to router: inout Router, service: EngineService) {
        router.add("GET", "/v1/engine/state") { context in
            try context.writer.sendJSON(try self.state(service))
        }
        router.add("POST", "/v1/engine/requests/{id}/cancel") { context in
            let id = context.parameters["id"] ?? ""
            guard service.cancel(id) else {
                throw ResponseError.notFound("no generation '\(id)' is in progress", param: "id", code: "request_not_found")
            }
            try context.writer.sendJSON(["id": id, "object": "request.cancelled"])
        }
        router.add("GET", "/v1/engine/sessions") { context in
            let (scheduler, _) = try service.requireReady()
            let snapshot = try self.snapshot(scheduler)
            try context.writer.sendJSON(SessionList(data: snapshot.sessions.map(self.info)))
        }
        router.add("DELETE", "/v1/engine/sessions/{id}") { context in
            let (scheduler, _) = try service.requireReady()
            let id = context.parameters["id"] ?? ""
            let removed = try scheduler.perform { $0.store.remove(id) }
            guard removed else { throw ResponseError.notFound("no session '\(id)'", param: "id", code: "session_not_found") }
            try context.writer.sendJSON(["id": id, "object": "session.deleted"])
        }
        router.add("POST", "/v1/engine/sessions/{id}/save") { context in
            let (scheduler, _) = try service.requireReady()
            let id = context.parameters["id"] ?? ""
            let request = try context.decodeBody(SessionFileRequest.self)
            let path = try SessionFiles.path(for: request.name, in: service.sessionDirectory)
            guard let encoded = try scheduler.perform({ $0.encodeSession(id) }) else {
                throw ResponseError.notFound("no session '\(id)'; GET /v1/engine/sessions lists them", param: "id", code: "session_not_found")
            }
            do {
                try SessionFiles.write(encoded.bytes, to: path)
            } catch {
                throw ResponseError.internalError("cannot save the session: \(error)")
            }
            try context.writer.sendJSON(
                SessionFileResponse(
                    id: id,
                    path: path,
                    tokens: encoded.tokens,
                    bytes: encoded.bytes.count,
                    formatVersion: Int(SessionFile.formatVersion),
                    checksum: hex(encoded.checksum)
                )
            )
        }
        router.add("POST", "/v1/engine/sessions/restore") { context in
            let (scheduler, _) = try service.requireReady()
            let request = try context.decodeBody(SessionFileRequest.self)
            let path = try SessionFiles.path(for: request.name, in: service.sessionDirectory)
            guard FileSystem.exists(path) else {
                throw ResponseError.notFound("no saved session '\(request.name)' in \(service.sessionDirectory)", param: "name", code: "session_not_found")
            }
            let bytes: [UInt8]
            do {
                bytes = try SessionFiles.read(path)
            } catch {
                throw ResponseError.internalError("cannot read the session: \(error)")
            }
            let restored: (id: String, tokens: Int, checksum: UInt32)
            do {
                restored = try scheduler.perform { context in try context.restoreSession(bytes) }
            } catch let error as SessionFileError {
                throw ResponseError.badRequest("cannot restore \(path): \(error.message)", param: "name", code: "invalid_session_file")
            }
            try context.writer.sendJSON(
                SessionFileResponse(
                    id: restored.id,
                    path: path,
                    tokens: restored.tokens,
                    bytes: bytes.count,
                    formatVersion: Int(SessionFile.formatVersion),
                    checksum: hex(restored.checksum)
                )
            )
        }
    }

    private static func snapshot(_ scheduler: InferenceScheduler) throws -> SchedulerSnapshot {
        do {
            return try scheduler.perform { $0.snapshot() }
        } catch let error as SchedulerError {
            throw ResponseError.unavailable(error.description, code: "model_unavailable")
        }
    }

    private static func info(_ session: SchedulerSnapshot.Session) -> SessionInfo {
        SessionInfo(
            id: session.id,
            tokens: session.tokens,
            kvBytes: session.memory.totalBytes,
            compressedEntries: session.memory.compressedEntries,
            lastUsed: session.lastUsedTime,
            inUse: false
        )
    }

    /// The engine state: during loading, only what is known without the model.
    private static func state(_ service: EngineService) throws -> EngineState {
        let (health, _) = service.health()
        var state = EngineState(
            model: service.model.id,
            status: health.status,
            parameterCount: 0,
            weightBytesByDtype: [:],
            openblasCore: nil,
            threads: 0,
            maxContext: service.model.maxContext,
            activeRequests: 0,
            queuedRequests: 0,
            sessions: [],
            kvBytesByLayerKind: [:],
            kvBytes: 0,
            cacheBudgetBytes: service.scheduler?.configuration.cacheBudgetBytes ?? 0,
            compressedEntries: 0,
            cachedTokens: 0,
            prefixCache: PrefixCacheStatistics(),
            residentBytes: Self.residentBytes()
        )
        guard health.status == .ok, let scheduler = service.scheduler, let runtime = service.runtime else { return state }
        let snapshot = try self.snapshot(scheduler)
        state.parameterCount = runtime.facts.parameterCount
        state.weightBytesByDtype = runtime.facts.weightBytesByDtype
        state.openblasCore = runtime.facts.openblasCore
        state.threads = runtime.facts.threads
        state.activeRequests = snapshot.activeRequests
        state.queuedRequests = snapshot.queuedRequests
        state.sessions = snapshot.sessions.map(self.info)
        state.kvBytesByLayerKind = snapshot.memory.bytesByKind
        state.kvBytes = snapshot.memory.totalBytes
        state.cacheBudgetBytes = snapshot.budgetBytes
        state.compressedEntries = snapshot.memory.compressedEntries
        state.cachedTokens = snapshot.cachedTokens
        state.prefixCache = PrefixCacheStatistics(
            hits: snapshot.hits,
            misses: snapshot.misses,
            reusedTokens: snapshot.reusedTokens,
            computedTokens: snapshot.computedTokens,
            evictions: snapshot.evictions
        )
        return state
    }

    /// Resident set size from /proc/self/statm.
    private static func residentBytes() -> Int? {
        guard let bytes = try? SessionFiles.read("/proc/self/statm") else { return nil }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
