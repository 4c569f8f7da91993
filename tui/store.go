package tui

import (
	"context"
	"time"

	"rapport/model"
	"rapport/store"
)

// Store is what the TUI needs of the database. *store.Store implements it;
// tests use a real store on a temporary file.
type Store interface {
	DataVersion(ctx context.Context) (int64, error)
	Accounts(ctx context.Context, f store.AccountFilter, req store.PageReq) (store.Page[model.Account], error)
	CountAccounts(ctx context.Context, f store.AccountFilter) (int, error)
	AccountPosition(ctx context.Context, f store.AccountFilter, id int64) (store.Position, error)
	Account(ctx context.Context, id int64) (model.Account, error)
	CreateAccount(ctx context.Context, a model.Account) (model.Account, error)
	UpdateAccount(ctx context.Context, a model.Account) (model.Account, error)
	ArchiveAccount(ctx context.Context, id int64, archived bool) error
	DeleteAccount(ctx context.Context, id int64) error
	Agenda(ctx context.Context, req store.AgendaReq) (model.Agenda, error)
	Briefs(ctx context.Context, f store.BriefFilter, req store.PageReq) (store.Page[model.Brief], error)
	CountBriefs(ctx context.Context, f store.BriefFilter) (int, error)
	Brief(ctx context.Context, id int64) (model.Brief, error)
	PersonBriefs(ctx context.Context, personID int64) ([]model.Brief, error)
	CreateBrief(ctx context.Context, b model.Brief) (model.Brief, error)
	UpdateBrief(ctx context.Context, b model.Brief) (model.Brief, error)
	MoveBrief(ctx context.Context, id int64, to model.Stage, reason string) (model.Brief, error)
	SetCheck(ctx context.Context, briefID int64, c model.Check) (model.Brief, error)
	ArchiveBrief(ctx context.Context, id int64, archived bool) error
	DeleteBrief(ctx context.Context, id int64) error
	FollowUps(ctx context.Context, f store.FollowUpFilter, req store.PageReq) (store.Page[model.FollowUp], error)
	CountFollowUps(ctx context.Context, f store.FollowUpFilter) (int, error)
	FollowUp(ctx context.Context, id int64) (model.FollowUp, error)
	CreateFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error)
	UpdateFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error)
	DeleteFollowUp(ctx context.Context, id int64) error
	CompleteFollowUp(ctx context.Context, id int64) (done model.FollowUp, next *model.FollowUp, err error)
	ReopenFollowUp(ctx context.Context, id int64, spawnedID int64) error
	SnoozeFollowUp(ctx context.Context, id int64, until model.Date) (previous model.Date, err error)
	SnoozeTouch(ctx context.Context, id int64, until model.Date) (model.Person, error)
	DismissBirthday(ctx context.Context, id int64, year int) error
	AddHealthCheck(ctx context.Context, h model.HealthCheck) (model.HealthCheck, error)
	HealthChecks(ctx context.Context, accountID int64, limit int) ([]model.HealthCheck, error)
	Notes(ctx context.Context, f store.NoteFilter, req store.PageReq) (store.Page[model.Note], error)
	Note(ctx context.Context, id int64) (model.Note, error)
	CreateNote(ctx context.Context, n model.Note) (model.Note, error)
	UpdateNote(ctx context.Context, n model.Note) (model.Note, error)
	PinNote(ctx context.Context, id int64, pinned bool) error
	MarkNoteAsked(ctx context.Context, id int64, asked bool) error
	DeleteNote(ctx context.Context, id int64) error
	People(ctx context.Context, f store.PersonFilter, req store.PageReq) (store.Page[model.Person], error)
	CountPeople(ctx context.Context, f store.PersonFilter) (int, error)
	PersonPosition(ctx context.Context, f store.PersonFilter, id int64) (store.Position, error)
	Person(ctx context.Context, id int64) (model.Person, error)
	OrgChart(ctx context.Context, accountID int64, req store.ChartReq) (store.OrgChart, error)
	CreatePerson(ctx context.Context, p model.Person) (model.Person, error)
	UpdatePerson(ctx context.Context, p model.Person) (model.Person, error)
	ArchivePerson(ctx context.Context, id int64, archived bool) error
	DeletePerson(ctx context.Context, id int64) error
	FindPeople(ctx context.Context, query string, limit int) ([]model.Person, error)
	FindAccounts(ctx context.Context, query string, limit int) ([]model.Account, error)
	FindLiveAccounts(ctx context.Context, query string, limit int) ([]model.Account, error)
	ResolvePerson(ctx context.Context, name string, at store.PersonName) (model.Person, error)
	ResolveAccount(ctx context.Context, name string, live bool) (model.Account, error)
	Search(ctx context.Context, query string, limit int) ([]store.Hit, error)
	Touches(ctx context.Context, f store.TouchFilter, req store.PageReq) (store.Page[model.Touch], error)
	LogTouch(ctx context.Context, t model.Touch, askedNotes ...int64) (model.Touch, error)
	DeleteTouch(ctx context.Context, id int64) error
	Portfolio(ctx context.Context, today model.Date) (store.Portfolio, error)
	Touch(ctx context.Context, id int64) (model.Touch, error)
	UpdateTouch(ctx context.Context, t model.Touch) (model.Touch, error)
	DeleteHealthCheck(ctx context.Context, id int64) error
	Snapshot(ctx context.Context, kind store.HitKind, id int64, deep bool) (model.Dataset, error)
	Restore(ctx context.Context, ds model.Dataset) error
	IDOf(ctx context.Context, kind store.HitKind, uid string) (int64, error)
	Meeting(ctx context.Context, id int64) (model.Meeting, error)
	PersonMeetings(ctx context.Context, personID int64, from time.Time, limit int) ([]model.Meeting, error)
	InfluenceNames(ctx context.Context, personID int64, limit int) (sways, swayedBy []model.Person, err error)
	AccountMap(ctx context.Context, accountID int64, today model.Date) (model.RelMap, error)
	Coverage(ctx context.Context, accountID int64, today model.Date) (model.Coverage, error)
	AccountMeetings(ctx context.Context, accountID int64, from time.Time, limit int) ([]model.Meeting, error)
	SaveMeeting(ctx context.Context, m model.Meeting) (model.Meeting, error)
	DeleteMeeting(ctx context.Context, id int64) error
	SaveDebrief(ctx context.Context, d store.Debrief) (store.DebriefResult, error)
	UndoDebrief(ctx context.Context, r store.DebriefResult) error
	Prep(ctx context.Context, req store.PrepReq) (model.Prep, error)
}
