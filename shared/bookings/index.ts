// The amenity bookings rules engine (tracker issue 4): pure functions over an amenity, the
// building's time zone and the other bookings. See evaluate.ts for the decisions it makes.

export { evaluateBooking, isCapacityOnly, requestOf, type BookingEvaluation, type BookingRequest, type EvaluateBookingInput } from './evaluate';
export { availabilityForDay, availabilityForMonth, type DayAvailability, type DaySummary, type MonthAvailability, type SlotAvailability } from './availability';
export { nearestAlternatives, type AlternativeSlot, type AlternativesInput } from './alternatives';
export { conflictsAfterRuleChange, type BookingPeople, type RuleChangeConflict } from './ruleChange';
export { BookingIndex, indexBookings, type BookingSource } from './bookingIndex';
export { ruleSetForDate } from './calendar';
export { alternativesOf, amenityName, bookingMessage, formatDuration, type BookingMessage, type MessageDisplay } from './messages';
export { BOOKING_REASON_CODES, TAKEN_BY_OTHERS, type BookingReason, type BookingReasonCode } from './reasons';
export { instantToLocal, localToInstant } from '../time/zone';
