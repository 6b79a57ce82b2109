import EngineProtocol

/// The engine's HTTP routes.
package enum EngineRoutes {
    /// A router serving `service`.
    package static func router(for service: EngineService) -> Router {
        var router = Router()
        router.add("GET", "/health") { context in
            let (health, status) = service.health()
            try context.writer.sendJSON(health, status: status)
        }
        router.add("GET", "/v1/models") { context in
            try context.writer.sendJSON(service.models())
        }
        router.add("GET", "/v1/models/{id}") { context in
            let id = context.parameters["id"] ?? ""
            guard let model = service.models().data.first(where: { $0.id == id }) else {
                throw ResponseError.notFound("The model '\(id)' does not exist", param: "model", code: "model_not_found")
            }
            try context.writer.sendJSON(model)
        }
        CompletionRoutes.add(to: &router, service: service)
        ChatRoutes.add(to: &router, service: service)
        TokenizerRoutes.add(to: &router, service: service)
        EngineStateRoutes.add(to: &router, service: service)
        return router
    }
}
