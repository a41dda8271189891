import Vapor
import XiezuoCore
import XiezuoStore

/// Labour brands, assistance workshops and training programmes: public reads; writes by the staff of the county;
/// enrolment by the worker or their staff; trainee steps by the programme's staff.
struct LaborRegistersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let brands = api.grouped("brands")
        brands.get(use: listBrands)
        brands.post(use: createBrand)
        brands.get(":id", use: showBrand)
        brands.put(":id", use: updateBrand)
        brands.delete(":id", use: deleteBrand)
        let workshops = api.grouped("workshops")
        workshops.get(use: listWorkshops)
        workshops.post(use: createWorkshop)
        workshops.get(":id", use: showWorkshop)
        workshops.put(":id", use: updateWorkshop)
        workshops.delete(":id", use: deleteWorkshop)
        let training = api.grouped("training")
        training.get(use: listTraining)
        training.post(use: createTraining)
        training.get(":id", use: showTraining)
        training.put(":id", use: updateTraining)
        training.get(":id", "trainees", use: trainees)
        training.post(":id", "enrolments", use: enrol)
        api.post("enrolments", ":id", "steps", use: step)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        let filter: [APIOperation.Parameter] = [.query("region", "Region code (subtree)"), .query("q", "Part of the name")]
        return [
            APIOperation(.GET, "/api/v1/brands", tag: "labor", summary: "Labour brands (劳务品牌), public",
                         parameters: filter + [.query("level", "county, city, province or national")] + APIOperation.Parameter.paging,
                         response: .list("LaborBrand")),
            APIOperation(.POST, "/api/v1/brands", tag: "labor", summary: "Record a county's labour brand", request: "LaborBrandDraft",
                         response: .object("LaborBrand"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/brands/{id}", tag: "labor", summary: "A brand with the workers who carry it and open jobs in its occupation",
                         parameters: [id], response: .object("BrandDetail")),
            APIOperation(.PUT, "/api/v1/brands/{id}", tag: "labor", summary: "Replace a brand's fields", parameters: [id],
                         request: "LaborBrandDraft", response: .object("LaborBrand"), secured: true),
            APIOperation(.DELETE, "/api/v1/brands/{id}", tag: "labor", summary: "Remove a brand no worker carries and no training leads to",
                         parameters: [id], response: .none, status: 204, secured: true),
            APIOperation(.GET, "/api/v1/workshops", tag: "labor", summary: "Assistance workshops (帮扶车间), public",
                         parameters: filter + APIOperation.Parameter.paging, response: .list("AssistanceWorkshop")),
            APIOperation(.POST, "/api/v1/workshops", tag: "labor", summary: "Record an assistance workshop", request: "AssistanceWorkshopDraft",
                         response: .object("AssistanceWorkshop"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/workshops/{id}", tag: "labor", summary: "One workshop, public", parameters: [id],
                         response: .object("AssistanceWorkshop")),
            APIOperation(.PUT, "/api/v1/workshops/{id}", tag: "labor", summary: "Replace a workshop's fields (e.g. the workers it employs now)",
                         parameters: [id], request: "AssistanceWorkshopDraft", response: .object("AssistanceWorkshop"), secured: true),
            APIOperation(.DELETE, "/api/v1/workshops/{id}", tag: "labor", summary: "Remove a workshop entered by mistake",
                         parameters: [id], response: .none, status: 204, secured: true),
            APIOperation(.GET, "/api/v1/training", tag: "labor", summary: "Training programmes, public",
                         parameters: filter + [.query("mode", "order_based or project_based"),
                                               .query("open", "yyyy-MM-dd: only programmes not ended by that day")] + APIOperation.Parameter.paging,
                         response: .list("TrainingDetail")),
            APIOperation(.POST, "/api/v1/training", tag: "labor", summary: "Record a training programme", request: "TrainingProgrammeDraft",
                         response: .object("TrainingProgramme"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/training/{id}", tag: "labor", summary: "One programme with its seats taken, public", parameters: [id],
                         response: .object("TrainingDetail")),
            APIOperation(.PUT, "/api/v1/training/{id}", tag: "labor", summary: "Replace a programme's fields", parameters: [id],
                         request: "TrainingProgrammeDraft", response: .object("TrainingProgramme"), secured: true),
            APIOperation(.GET, "/api/v1/training/{id}/trainees", tag: "labor", summary: "A programme's trainees (staff of its county)",
                         parameters: [id] + APIOperation.Parameter.paging, response: .object("TraineeList"), secured: true),
            APIOperation(.POST, "/api/v1/training/{id}/enrolments", tag: "labor", summary: "Enrol a worker (the worker, or staff covering them)",
                         parameters: [id], request: "WorkerRef", response: .object("TrainingEnrolment"), status: 201, secured: true),
            APIOperation(.POST, "/api/v1/enrolments/{id}/steps", tag: "labor",
                         summary: "Record a trainee's completion, certificate, employment after training, or drop-out",
                         parameters: [id], request: "EnrolmentStep", response: .object("TrainingEnrolment"), secured: true),
        ]
    }()

    // MARK: Brands

    func listBrands(request: Request) async throws -> Response {
        let (region, search, level) = (try request.queryRegion(), try request.queryText("q", max: 50), try request.queryChoice("level", as: BrandLevel.self))
        return try await request.list(SheetSpec(name: "export.sheet.brands", values: ["level": "brand_level"])) { paging in
            try await request.brands.list(region: region, search: search, level: level, page: paging)
        }
    }

    func createBrand(request: Request) async throws -> Response {
        let brand = try await request.brands.create(try request.decodeJSON(LaborBrandDraft.self), by: try request.signedIn())
        return try await brand.encodeResponse(status: .created, for: request)
    }

    func showBrand(request: Request) async throws -> BrandDetailDTO {
        try await request.brandDetail(try request.uuidParameter(entity: "brand"))
    }

    func updateBrand(request: Request) async throws -> LaborBrand {
        try await request.brands.update(try request.uuidParameter(entity: "brand"), with: try request.decodeJSON(LaborBrandDraft.self),
                                        by: try request.signedIn())
    }

    func deleteBrand(request: Request) async throws -> HTTPStatus {
        try await request.brands.delete(try request.uuidParameter(entity: "brand"), by: try request.signedIn())
        return .noContent
    }

    // MARK: Workshops

    func listWorkshops(request: Request) async throws -> Response {
        let (region, search) = (try request.queryRegion(), try request.queryText("q", max: 50))
        return try await request.list(SheetSpec(name: "export.sheet.workshops")) { paging in
            try await request.workshops.list(region: region, search: search, page: paging)
        }
    }

    func createWorkshop(request: Request) async throws -> Response {
        let workshop = try await request.workshops.save(try request.decodeJSON(AssistanceWorkshopDraft.self), by: try request.signedIn())
        return try await workshop.encodeResponse(status: .created, for: request)
    }

    func showWorkshop(request: Request) async throws -> AssistanceWorkshop {
        try await request.workshops.get(try request.uuidParameter(entity: "workshop"))
    }

    func updateWorkshop(request: Request) async throws -> AssistanceWorkshop {
        try await request.workshops.save(try request.decodeJSON(AssistanceWorkshopDraft.self), id: try request.uuidParameter(entity: "workshop"),
                                         by: try request.signedIn())
    }

    func deleteWorkshop(request: Request) async throws -> HTTPStatus {
        try await request.workshops.delete(try request.uuidParameter(entity: "workshop"), by: try request.signedIn())
        return .noContent
    }

    // MARK: Training

    func listTraining(request: Request) async throws -> Response {
        let (region, search) = (try request.queryRegion(), try request.queryText("q", max: 50))
        let (mode, open) = (try request.queryChoice("mode", as: TrainingMode.self), try request.queryDay("open"))
        return try await request.list(SheetSpec(name: "export.sheet.training")) { paging in
            let page = try await request.training.list(region: region, search: search, mode: mode, openOn: open, page: paging)
            let counts = try await request.training.enrolledCounts(page.items.map(\.id))
            return page.map { TrainingDetailDTO(programme: $0, enrolled: counts[$0.id] ?? 0) }
        }
    }

    func createTraining(request: Request) async throws -> Response {
        let programme = try await request.training.save(try request.decodeJSON(TrainingProgrammeDraft.self), by: try request.signedIn())
        return try await programme.encodeResponse(status: .created, for: request)
    }

    func showTraining(request: Request) async throws -> TrainingDetailDTO {
        let programme = try await request.training.get(try request.uuidParameter(entity: "training"))
        return TrainingDetailDTO(programme: programme, enrolled: try await request.training.enrolledCounts([programme.id])[programme.id] ?? 0)
    }

    func updateTraining(request: Request) async throws -> TrainingProgramme {
        try await request.training.save(try request.decodeJSON(TrainingProgrammeDraft.self), id: try request.uuidParameter(entity: "training"),
                                        by: try request.signedIn())
    }

    func trainees(request: Request) async throws -> Response {
        let items = try await request.training.trainees(of: try request.uuidParameter(entity: "training"), by: try request.signedIn()).map {
            TraineeDTO(enrolment: $0.enrolment, workerName: $0.workerName, stage: $0.enrolment.stage)
        }
        return try await request.list(SheetSpec(name: "export.sheet.trainees", values: ["stage": "enrolment_stage"]), all: items, defaultPerPage: Paging.maxPerPage)
    }

    /// The body naming a worker.
    struct WorkerRef: Decodable {
        var workerId: UUID?
    }

    func enrol(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let programme = try request.uuidParameter(entity: "training")
        guard let worker = try request.decodeJSON(WorkerRef.self).workerId else { throw DomainError.invalid("workerId", "required") }
        let enrolment = try await request.training.enrol(worker, in: programme, by: principal)
        return try await enrolment.encodeResponse(status: .created, for: request)
    }

    /// The body of a trainee's step.
    struct StepBody: Decodable {
        var step: String?
        var date: String?
        var certificateNumber: String?
    }

    func step(request: Request) async throws -> TrainingEnrolment {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "enrolment")
        let body = try request.decodeJSON(StepBody.self)
        let step = try request.bodyChoice(body.step, field: "step", as: EnrolmentStep.self)
        return try await request.training.record(id, step, on: try Validate.day(body.date, field: "date"),
                                                 certificateNumber: body.certificateNumber, by: principal)
    }
}
