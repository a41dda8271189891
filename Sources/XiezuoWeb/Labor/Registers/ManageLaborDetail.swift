import Vapor
import XiezuoCore
import XiezuoStore

/// The staff pages of one programme, trip or gig: the people in it, a form per person for what happened, and a
/// form to add someone; and the actions those forms post.
struct ManageLaborDetail {
    let request: Request
    let principal: Principal

    private func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, arguments) }

    private func field(_ name: String, _ kind: String = "text", value: String = "", options: [ChoiceOption] = []) -> FormField {
        FormField(name: name, label: t("field.\(name)"), kind: kind, value: value, options: options)
    }

    /// Workers of `county` the staff may act for, as options (the first 200 by name).
    private func workerOptions(county: String) async throws -> [ChoiceOption] {
        try await request.workers.list(region: county, by: principal, page: Paging(perPage: 200)).items.map {
            ChoiceOption(value: $0.id.uuidString, label: "\($0.name) · \($0.idNumber)", selected: false)
        }
    }

    func render(_ kind: LaborRecordKind, id: UUID, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let today = request.today
        let place = request.services.regions.placeName
        switch kind {
        case .training:
            let programme = try await request.training.get(id)
            let trainees = try await request.training.trainees(of: id, by: principal)
            let steps = EnrolmentStep.allCases.map { ChoiceOption(value: $0.rawValue, label: t("enrolment_step.\($0.rawValue)"), selected: false) }
            let rows = trainees.map { trainee in
                let e = trainee.enrolment
                return RegisterPage.Row(cells: [
                    RegisterPage.Cell(trainee.workerName, href: "/workers/\(e.workerID)"), RegisterPage.Cell(e.enrolledOn.description),
                    RegisterPage.Cell(t("enrolment_stage.\(e.stage)")), RegisterPage.Cell(e.certificateNumber ?? "—"),
                ], actions: e.droppedOn == nil && e.employedOn == nil ? [RegisterPage.Action(
                    action: "/manage/labor/enrolments/\(e.id)/step", label: t("action.save"),
                    fields: [field("step", "select", options: steps), field("date", "date", value: today.description), field("certificateNumber")])] : [])
            }
            var facts = [
                RegisterPage.Fact(label: t("field.mode"), value: t("training_mode.\(programme.mode.rawValue)")),
                RegisterPage.Fact(label: t("field.occupationCode"), value: request.occupationName(programme.occupationCode)),
                RegisterPage.Fact(label: t("field.provider"), value: programme.provider),
                RegisterPage.Fact(label: t("field.countyCode"), value: place(programme.countyCode)),
                RegisterPage.Fact(label: t("training.dates"), value: "\(programme.startDate) – \(programme.endDate)"),
                RegisterPage.Fact(label: t("field.seats"), value: "\(trainees.count)/\(programme.seats)"),
                RegisterPage.Fact(label: t("field.subsidy"), value: Formatting.yuan(programme.subsidy)),
            ]
            if let employer = programme.employerID, let summary = try await request.employers.summaries([employer])[employer] {
                facts.append(RegisterPage.Fact(label: t("field.employer"), value: summary.name))
                facts.append(RegisterPage.Fact(label: t("field.hireCommitment"), value: String(programme.hireCommitment)))
            }
            if let brand = programme.brandID {
                facts.append(RegisterPage.Fact(label: t("field.brandId"), value: (try? await request.brands.get(brand).name) ?? "—", href: "/brands/\(brand)"))
            }
            let enrol = RegisterPage.Action(action: "/manage/labor/training/\(id)/enrol", label: t("training.enrol"),
                                            fields: [field("workerId", "select", options: try await workerOptions(county: programme.countyCode))])
            return try await page(title: programme.name, edit: "/manage/labor/training/\(id)/edit", error: error, facts: facts, sections: [
                RegisterPage.Section(title: t("training.trainees"), headers: [t("field.name"), t("training.enrolled_on"), t("field.status"),
                                                                             t("field.certificateNumber")],
                                     rows: rows, empty: t("training.no_trainees"), forms: [enrol]),
            ]).render(request, status: status)
        case .trips:
            let trip = try await request.trips.get(id)
            let riders = try await request.trips.riders(of: id, by: principal)
            let employers = try await request.employers.summaries(trip.employerIDs)
            let planned = trip.status == .planned
            let rows = riders.map { rider in
                RegisterPage.Row(cells: [RegisterPage.Cell(rider.workerName, href: "/workers/\(rider.passenger.workerID)"),
                                         RegisterPage.Cell(rider.jobTitle, href: "/jobs/\(rider.passenger.postingID)"), RegisterPage.Cell(rider.employerName)],
                                 actions: planned ? [RegisterPage.Action(action: "/manage/labor/trips/\(id)/alight", label: t("manage_labor.alight"),
                                                                         fields: [field("workerId", "hidden", value: rider.passenger.workerID.uuidString)])] : [])
            }
            var forms: [RegisterPage.Action] = []
            if planned {
                let jobs = try await request.trips.jobs(for: trip).map {
                    ChoiceOption(value: $0.id.uuidString, label: "\($0.title) · \($0.employerName)", selected: false)
                }
                forms.append(RegisterPage.Action(action: "/manage/labor/trips/\(id)/board", label: t("manage_labor.board"),
                                                 fields: [field("workerId", "select", options: try await workerOptions(county: trip.fromCounty)),
                                                          field("postingId", "select", options: jobs)]))
                forms.append(RegisterPage.Action(action: "/manage/labor/trips/\(id)/status", label: t("manage_labor.confirm"),
                                                 title: t("manage_labor.arrival_hint"),
                                                 fields: [field("status", "select", options: [TripStatus.arrived, .cancelled].map {
                                                     ChoiceOption(value: $0.rawValue, label: t("trip_status.\($0.rawValue)"), selected: false)
                                                 }), field("date", "date", value: max(trip.date, min(today, trip.date)).description)]))
            }
            let facts = [
                RegisterPage.Fact(label: t("field.date"), value: trip.date.description),
                RegisterPage.Fact(label: t("manage_labor.route"), value: place(trip.fromCounty) + " → " + place(trip.destinationCode)),
                RegisterPage.Fact(label: t("field.employer"), value: trip.employerIDs.compactMap { employers[$0]?.name }.joined(separator: "、")),
                RegisterPage.Fact(label: t("manage_labor.aboard"), value: "\(trip.passengers.count)/\(trip.seats)"),
                RegisterPage.Fact(label: t("field.status"), value: t("trip_status.\(trip.status.rawValue)") + (trip.arrivedOn.map { " \($0)" } ?? "")),
            ]
            return try await page(title: t("manage_labor.trip_title", ["date": trip.date.description, "to": place(trip.destinationCode)]),
                                  edit: planned ? "/manage/labor/trips/\(id)/edit" : nil, error: error, facts: facts, sections: [
                RegisterPage.Section(title: t("manage_labor.passengers"), headers: [t("field.name"), t("field.title"), t("field.employer")],
                                     rows: rows, empty: t("manage_labor.no_passengers"), forms: forms),
            ]).render(request, status: status)
        case .gigs:
            let gig = try await request.gigs.task(id)
            let signups = try await request.gigs.signups(of: id, by: principal)
            let rows = signups.map { entry in
                let s = entry.signup
                var actions: [RegisterPage.Action] = []
                if s.status == .signedUp {
                    if gig.date <= today {
                        actions.append(RegisterPage.Action(action: "/manage/labor/signups/\(s.id)/status", label: t("gigs.done"),
                                                           fields: [field("status", "hidden", value: GigSignupStatus.completed.rawValue),
                                                                    FormField(name: "paid", label: t("field.paid"), kind: "text", value: "")]))
                    }
                    actions.append(RegisterPage.Action(action: "/manage/labor/signups/\(s.id)/status", label: t("gigs.cancel"),
                                                       fields: [field("status", "hidden", value: GigSignupStatus.cancelled.rawValue)]))
                }
                return RegisterPage.Row(cells: [RegisterPage.Cell(entry.workerName, href: "/workers/\(s.workerID)"),
                                                RegisterPage.Cell(s.signedUpOn.description), RegisterPage.Cell(t("signup_status.\(s.status.rawValue)")),
                                                RegisterPage.Cell(s.paid.map(Formatting.yuan) ?? "—")], actions: actions)
            }
            let add = RegisterPage.Action(action: "/manage/labor/gigs/\(id)/signup", label: t("gigs.sign_up"),
                                          fields: [field("workerId", "select", options: try await workerOptions(county: gig.countyCode))])
            let facts = [
                RegisterPage.Fact(label: t("field.date"), value: gig.date.description), RegisterPage.Fact(label: t("field.place"), value: gig.place),
                RegisterPage.Fact(label: t("field.pay"), value: t("gigs.pay_\(gig.payUnit.rawValue)", ["pay": Formatting.yuan(gig.pay)])),
                RegisterPage.Fact(label: t("field.headcount"), value: "\(signups.filter { $0.signup.status != .cancelled }.count)/\(gig.headcount)"),
            ]
            return try await page(title: gig.title, edit: "/manage/labor/gigs/\(id)/edit", error: error, facts: facts, sections: [
                RegisterPage.Section(title: t("gigs.signups"), headers: [t("field.name"), t("gigs.signed_up_on"), t("field.status"), t("field.paid")],
                                     rows: rows, empty: t("gigs.no_signups"), forms: gig.date >= today ? [add] : []),
            ]).render(request, status: status)
        case .brands:
            return request.redirect(to: "/brands/\(id)")
        case .markets, .workshops:
            return request.redirect(to: "/manage/labor/\(kind.rawValue)/\(id)/edit")
        }
    }

    private func page(title: String, edit: String?, error: String?, facts: [RegisterPage.Fact], sections: [RegisterPage.Section]) -> RegisterPage {
        RegisterPage(title: title, back: "/manage/labor", backLabel: t("manage_labor.title"), error: error,
                     links: edit.map { [RegisterPage.Link(href: $0, label: t("action.edit"))] } ?? [], facts: facts, sections: sections)
    }

    /// The page an action's record belongs to: enrolments to their programme, sign-ups to their gig.
    func owner(of kindText: String, id: UUID) async throws -> (LaborRecordKind, UUID) {
        switch kindText {
        case "enrolments":
            guard let programme = try await request.training.enrolment(id)?.programmeID else { throw DomainError.notFound("enrolment") }
            return (.training, programme)
        case "signups":
            guard let gig = try await request.gigs.signup(id)?.taskID else { throw DomainError.notFound("gig_signup") }
            return (.gigs, gig)
        default:
            guard let kind = LaborRecordKind(rawValue: kindText), [.training, .trips, .gigs].contains(kind) else { throw DomainError.notFound("page") }
            return (kind, id)
        }
    }

    /// Carries out a posted action and returns the page to show next.
    func perform(_ kindText: String, action: String, id: UUID, values: [String: String]) async throws -> (LaborRecordKind, UUID) {
        func uuid(_ name: String) throws -> UUID {
            guard let value = values[name], let id = UUID(uuidString: value) else { throw DomainError.invalid(name, "required") }
            return id
        }
        let owner = try await owner(of: kindText, id: id)
        switch (kindText, action) {
        case ("training", "enrol"):
            _ = try await request.training.enrol(try uuid("workerId"), in: id, by: principal)
        case ("enrolments", "step"):
            let step = try request.bodyChoice(values["step"], field: "step", as: EnrolmentStep.self)
            _ = try await request.training.record(id, step, on: try Validate.day(values["date"], field: "date"),
                                                  certificateNumber: values["certificateNumber"], by: principal)
        case ("trips", "board"):
            _ = try await request.trips.board(id, worker: try uuid("workerId"), posting: try uuid("postingId"), by: principal)
        case ("trips", "alight"):
            _ = try await request.trips.alight(id, worker: try uuid("workerId"), by: principal)
        case ("trips", "status"):
            let status = try request.bodyChoice(values["status"], field: "status", as: TripStatus.self)
            _ = try await request.trips.move(id, to: status, on: try Validate.day(values["date"], field: "date"), by: principal)
        case ("gigs", "signup"):
            _ = try await request.gigs.signUp(try uuid("workerId"), for: id, by: principal)
        case ("signups", "status"):
            let status = try request.bodyChoice(values["status"], field: "status", as: GigSignupStatus.self)
            _ = try await request.gigs.answer(id, status, paid: try Formatting.fen(from: values["paid"], unitFen: 100, field: "paid"), by: principal)
        default:
            throw DomainError.notFound("page")
        }
        return owner
    }
}
