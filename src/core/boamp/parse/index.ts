export * from './details-types';
export { parseTenderDetails, detectForm, type TenderSource } from './tender-details';
export { readNoticePage, toRecord, type PageReading } from './records';
export { parseBoampDeadline, readDateTime, parisOffsetMinutes } from './values';
