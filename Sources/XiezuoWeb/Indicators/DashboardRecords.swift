import XiezuoCore

extension DashboardPage {
    /// The list of the records behind a figure of `region` in `year`, filtered to them: the projects (and their flows)
    /// for funds, projects and beneficiaries; the sales ledger for consumption; the workers, brands, training and
    /// workshops for labour; the industry registers for parks, enterprises and coverage. Nil where no list holds them
    /// for that region (a Jiangsu region's projects are its partners'; only its purchases are listed).
    static func records(for code: String, region: String, year: Int) -> String? {
        let shaanxi = region.hasPrefix("61")
        if code.hasPrefix(IndicatorCatalogue.consumptionSales) { return "/manage/consumption?region=\(region)&year=\(year)" }
        guard shaanxi else {
            // A Jiangsu region's aid figures list the projects its pairings fund (the list shows a Jiangsu reader only those).
            let funded: Set<String> = [IndicatorCatalogue.aidCommitted, IndicatorCatalogue.aidCommittedFourActions, IndicatorCatalogue.aidDisbursed,
                                       IndicatorCatalogue.socialDonations, IndicatorCatalogue.projectsTotal]
            return funded.contains(code) ? "/projects?year=\(year)" : nil
        }
        if code.hasPrefix("projects_"), let area = ActionArea(rawValue: String(code.dropFirst("projects_".count))) {
            return "/projects?region=\(region)&year=\(year)&actionArea=\(area.rawValue)"
        }
        switch code {
        case IndicatorCatalogue.aidCommitted, IndicatorCatalogue.aidCommittedFourActions, IndicatorCatalogue.aidDisbursed,
             IndicatorCatalogue.socialDonations, IndicatorCatalogue.fourActionShare, IndicatorCatalogue.projectsTotal,
             IndicatorCatalogue.beneficiaryPersons, IndicatorCatalogue.beneficiaryPovertyLiftedPersons, IndicatorCatalogue.beneficiaryHouseholds:
            return "/projects?region=\(region)&year=\(year)"
        case IndicatorCatalogue.parksCobuilt, IndicatorCatalogue.enterprisesLanded, IndicatorCatalogue.enterpriseInvestment,
             IndicatorCatalogue.enterpriseJobs, IndicatorCatalogue.enterpriseJobsRural, IndicatorCatalogue.enterpriseJobsPovertyLifted,
             IndicatorCatalogue.coveragePark:
            return "/manage/industry?region=\(region)"
        case IndicatorCatalogue.coverageSpecialty:
            return "/industries?region=\(region)"
        case IndicatorCatalogue.workersPlaced, IndicatorCatalogue.workersPlacedPovertyLifted, IndicatorCatalogue.workersPlacedInJiangsu:
            return "/placements?region=\(region)&year=\(year)"
        case IndicatorCatalogue.laborBrands, IndicatorCatalogue.laborBrandLeadingUnits:
            return "/brands?region=\(region)"
        case IndicatorCatalogue.trainingCompletions, IndicatorCatalogue.trainingCertified, IndicatorCatalogue.trainingEmployed:
            return "/training?region=\(region)"
        case IndicatorCatalogue.workshops, IndicatorCatalogue.workshopJobs, IndicatorCatalogue.workshopJobsPovertyLifted:
            return "/workshops?region=\(region)"
        case IndicatorCatalogue.personnelToShaanxi, IndicatorCatalogue.personnelToJiangsu, IndicatorCatalogue.personnelCadres,
             IndicatorCatalogue.personnelProfessionals, IndicatorCatalogue.personnelDays, IndicatorCatalogue.villagePairings,
             IndicatorCatalogue.villagePairingVillages, IndicatorCatalogue.villagePairingDelivered, IndicatorCatalogue.demonstrationVillages:
            return "/manage/cooperation?region=\(region)&year=\(year)"
        default:
            return nil
        }
    }
}
