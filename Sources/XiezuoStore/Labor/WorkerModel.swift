import FluentKit
import Foundation
import XiezuoCore

/// A row of `workers`: the sealed and masked numbers, the columns lists filter on, the rest in `body` (``WorkerStoredV1``).
final class WorkerModel: Model, @unchecked Sendable {
    static let schema = "workers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "home_code") var homeCode: String
    @Field(key: "home_county") var homeCounty: String
    @Field(key: "id_sealed") var idSealed: String
    @Field(key: "id_masked") var idMasked: String
    @Field(key: "id_index") var idIndex: String
    @Field(key: "phone_sealed") var phoneSealed: String
    @Field(key: "phone_masked") var phoneMasked: String
    @Field(key: "gender") var gender: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "poverty_status") var povertyStatus: String
    @Field(key: "status") var status: String
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "body") var body: StoredBody<WorkerStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The worker with both numbers masked.
    func masked() throws -> Worker {
        let row = StoredRow(Self.schema, id: id)
        let body = try self.body.shape(in: row)
        try row.check(version: body.v, reads: WorkerStoredV1.version)
        return Worker(id: id!, name: name, idNumber: idMasked, phone: phoneMasked, revealed: false,
                      gender: try row.choice(gender, as: Gender.self, column: "gender"),
                      birthDate: try row.day(birthDate, column: "birth_date"), homeCode: homeCode,
                      povertyStatus: try row.choice(povertyStatus, as: PovertyStatus.self, column: "poverty_status"),
                      education: try row.choice(body.education, as: Education.self, column: "body.education"), skills: body.skills,
                      wishedOccupations: body.wishedOccupations, preferredPlaces: body.preferredPlaces, pairedCities: body.pairedCities,
                      minWage: body.minWage, certificates: body.certificates, employment: try body.employment.map { try $0.value(in: row) },
                      consentAt: try row.time(body.consentAt, column: "body.consentAt"),
                      consentVersion: body.consentVersion, accountID: accountID)
    }

    /// Seals and stores the full ID-card and phone numbers, with their masked copies and the ID's keyed digest.
    func seal(idNumber: IDCardNumber, phone: String, cipher: PersonalDataCipher) throws {
        idSealed = try cipher.seal(idNumber.value)
        idMasked = idNumber.masked
        idIndex = cipher.blindIndex(idNumber.value)
        phoneSealed = try cipher.seal(phone)
        phoneMasked = PhoneNumber.masked(phone)
    }

    /// Stores a worker's other fields (the numbers are set by ``seal(idNumber:phone:cipher:)``).
    func apply(_ worker: Worker, seq: Int64) throws {
        id = worker.id
        name = worker.name
        homeCode = worker.homeCode
        homeCounty = worker.homeCounty
        gender = worker.gender.rawValue
        birthDate = worker.birthDate.description
        povertyStatus = worker.povertyStatus.rawValue
        status = worker.status.rawValue
        accountID = worker.accountID
        body = StoredBody(WorkerStoredV1(worker))
        changeSeq = seq
    }
}

/// A row of `applications`.
final class ApplicationModel: Model, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "posting_id") var postingID: UUID
    @Field(key: "status") var status: String
    @Field(key: "applied_on") var appliedOn: String
    @OptionalField(key: "responded_on") var respondedOn: String?
    @OptionalField(key: "start_date") var startDate: String?
    @OptionalField(key: "wage") var wage: Int64?
    @OptionalField(key: "place_code") var placeCode: String?
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "seen_on") var seenOn: String?
    @OptionalField(key: "message") var message: String?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var application: JobApplication {
        get throws {
            let row = StoredRow(Self.schema, id: id)
            return JobApplication(id: id!, workerID: workerID, postingID: postingID,
                                  status: try row.choice(status, as: ApplicationStatus.self, column: "status"),
                                  appliedOn: try row.day(appliedOn, column: "applied_on"),
                                  respondedOn: try row.day(respondedOn, column: "responded_on"),
                                  startDate: try row.day(startDate, column: "start_date"), wage: wage, placeCode: placeCode,
                                  pairingID: pairingID, note: note, seenOn: try row.day(seenOn, column: "seen_on"), message: message)
        }
    }

    func apply(_ application: JobApplication, seq: Int64) {
        id = application.id
        workerID = application.workerID
        postingID = application.postingID
        status = application.status.rawValue
        appliedOn = application.appliedOn.description
        respondedOn = application.respondedOn?.description
        startDate = application.startDate?.description
        wage = application.wage
        placeCode = application.placeCode
        pairingID = application.pairingID
        note = application.note
        seenOn = application.seenOn?.description
        message = application.message
        changeSeq = seq
    }

    /// The placement, when hired.
    var placement: PlacementFact? {
        get throws {
            guard status == ApplicationStatus.hired.rawValue,
                  let start = try StoredRow(Self.schema, id: id).day(startDate, column: "start_date"), let placeCode else { return nil }
            return PlacementFact(startDate: start, placeCode: placeCode, pairingID: pairingID)
        }
    }
}

extension WorkerModel {
    /// The names of these workers, for the lists of a programme, a gig or a trip (names are not masked).
    static func names(of ids: [UUID], on database: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let models = try await WorkerModel.query(on: database).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(models.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
