/**
 * Bundle entry. Apps Script finds functions by name at the top level only, while the bundle is an
 * IIFE: each entry point is assigned to `global` here, and the build prepends top-level stubs
 * generated from these assignments (gas-entry-generator; see tools/build.ts).
 */
import * as entry from './entrypoints';

declare const global: Record<string, unknown>;

global.onOpen = entry.onOpen;
global.onInstall = entry.onInstall;
global.openSidebar = entry.openSidebar;
global.menuSetupStructure = entry.menuSetupStructure;
global.menuRescoreIcp = entry.menuRescoreIcp;
global.menuRunBoampWatch = entry.menuRunBoampWatch;
global.menuEnableAutomations = entry.menuEnableAutomations;
global.menuDisableAutomations = entry.menuDisableAutomations;
global.menuRunJobsNow = entry.menuRunJobsNow;
global.runScheduledJobs = entry.runScheduledJobs;
global.getSidebarState = entry.getSidebarState;
global.setupStructure = entry.setupStructure;
global.enableAutomations = entry.enableAutomations;
global.disableAutomations = entry.disableAutomations;
global.runJobsNow = entry.runJobsNow;
global.searchRecords = entry.searchRecords;
global.getRecord = entry.getRecord;
global.createRecord = entry.createRecord;
global.updateRecord = entry.updateRecord;
global.archiveRecord = entry.archiveRecord;
global.getCard = entry.getCard;
global.getSelectedCard = entry.getSelectedCard;
global.getActivity = entry.getActivity;
global.moveStage = entry.moveStage;
global.logInteraction = entry.logInteraction;
global.completeTask = entry.completeTask;
global.getTodayTasks = entry.getTodayTasks;
global.getPipelineFigures = entry.getPipelineFigures;
global.decideTender = entry.decideTender;
global.listTenders = entry.listTenders;
global.getTender = entry.getTender;
global.analyseTender = entry.analyseTender;
global.rescoreIcp = entry.rescoreIcp;
global.rescoreOrganisation = entry.rescoreOrganisation;
global.explainScore = entry.explainScore;
global.menuImportCollectivites = entry.menuImportCollectivites;
global.previewCollectivites = entry.previewCollectivites;
global.importCollectivites = entry.importCollectivites;
global.listSegments = entry.listSegments;
global.getSegmentMembers = entry.getSegmentMembers;
global.menuEnrichSelection = entry.menuEnrichSelection;
global.menuEnrichIncomplete = entry.menuEnrichIncomplete;
global.enrichContact = entry.enrichContact;
global.enrichOrganisation = entry.enrichOrganisation;
global.applyEnrichment = entry.applyEnrichment;
global.verifyEmail = entry.verifyEmail;
global.findDecisionMakers = entry.findDecisionMakers;
global.addDecisionMaker = entry.addDecisionMaker;
global.getEnrichmentProgress = entry.getEnrichmentProgress;
global.menuOpenSettings = entry.menuOpenSettings;
global.doPost = entry.doPost;
global.doGet = entry.doGet;
global.getSettingsKeys = entry.getSettingsKeys;
global.saveSettingsKey = entry.saveSettingsKey;
global.clearSettingsKey = entry.clearSettingsKey;
global.testSettingsKey = entry.testSettingsKey;
global.generateIncomingSecret = entry.generateIncomingSecret;
