package dev.feedbackchat.admin;

/** The exports and the dashboard's queries on the default database, H2 (in memory for the tests). */
class AdminExportIntegrationTests extends AdminExportContract {

}
