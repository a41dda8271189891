import FluentKit

/// Every migration of the platform, in order. Numbered files; a landed migration is never edited.
public enum XiezuoMigrations {
    /// The migrations to register, oldest first.
    public static var all: [any Migration] {
        [
            M0001_CreateRegions(),
            M0002_CreatePairings(),
            M0003_CreateAccounts(),
            M0004_CreateAPITokens(),
            M0005_CreateAuditLog(),
            M0006_CreateChangeSequence(),
            M0007_CreateProjects(),
            M0008_CreateFundFlows(),
            M0009_CreateAgreements(),
            M0010_CreateFacts(),
            M0011_CreateEmployers(),
            M0012_AddEmployerToAccounts(),
            M0013_CreateJobPostings(),
            M0014_CreateSyncCursors(),
            M0015_CreateFeaturedIndustries(),
            M0016_CreateParks(),
            M0017_CreateEnterprises(),
            M0018_CreatePromotionEvents(),
            M0019_CreateEnclaveShares(),
            M0020_CreateParkFigures(),
            M0021_CreateWorkers(),
            M0022_CreateApplications(),
            M0023_CreateLaborBrands(),
            M0024_CreateTrainingProgrammes(),
            M0025_CreateTrainingEnrolments(),
            M0026_CreateGigMarkets(),
            M0027_CreateGigTasks(),
            M0028_CreateGigSignups(),
            M0029_CreateDirectTrips(),
            M0030_CreateAssistanceWorkshops(),
            M0031_CreateRegionalBrands(),
            M0032_CreateProducts(),
            M0033_CreateOrders(),
            M0034_CreateSales(),
            M0035_CreateSalesEvents(),
            M0036_CreateProcurements(),
            M0037_AddProjectFlowTotals(),
            M0038_DigestDuplicateKeys(),
            M0039_PartialEmployerIndex(),
        ]
    }
}
