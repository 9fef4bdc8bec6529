import {
  Category,
  FeedbackStatus,
  MeetingKind,
  MembershipStatus,
  NeighborhoodKind,
  OrganizationType,
  ProposalDecision,
  Role,
  RsvpResponse,
  SponsorshipKind,
  VoteChoice,
} from '@commonweal/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { Fund } from '../modules/funds/fund.entity.js';
import { Neighborhood } from '../modules/funds/neighborhood.entity.js';
import { Membership } from '../modules/organizations/membership.entity.js';
import { Organization } from '../modules/organizations/organization.entity.js';
import { loadActor, type Actor } from '../modules/users/actor.js';
import { hashPassword } from '../modules/users/auth.service.js';
import { User } from '../modules/users/user.entity.js';
import type { Services } from '../services.js';

export const DEMO_PASSWORD = 'commonweal-demo';

export const DEMO_ACCOUNTS = [
  { email: 'admin@danzishi.example', role: Role.FUND_ADMIN, displayName: 'Fund Secretariat (Chen Jing)' },
  { email: 'gov@danzishi.example', role: Role.GOVERNMENT, displayName: 'Street Office (Li Wei)' },
  { email: 'enterprise@danzishi.example', role: Role.ENTERPRISE, displayName: 'Riverside Logistics (Zhou Min)' },
  { email: 'ngo@danzishi.example', role: Role.SOCIAL_ORGANIZATION, displayName: 'Social Work Centre (Wang Fang)' },
  { email: 'resident@danzishi.example', role: Role.RESIDENT, displayName: 'Grandma Liu' },
  { email: 'resident2@danzishi.example', role: Role.RESIDENT, displayName: 'Xiao Zhang' },
] as const;

const DAY = 24 * 60 * 60 * 1000;

/**
 * Seeds the Danzishi Street demo fund, once, into an empty database. Rows
 * that have no service (the fund, accounts of the fund's side) are inserted
 * directly; everything with rules (needs, proposals, votes, comments,
 * decisions) goes through the same services the API uses.
 * Returns false and does nothing when the database already holds data.
 */
export async function seedDemo(ds: DataSource, services: Services): Promise<boolean> {
  const existing = await ds.getRepository(Fund).count();
  const users = await ds.getRepository(User).count();
  if (existing > 0 || users > 0) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = await ds.transaction(async (em) => {
    const fund = await em.save(
      em.create(Fund, {
        name: 'Danzishi Street Community Development Fund',
        region: "Nan'an District, Chongqing",
        currency: 'CNY',
        description:
          'A street-level community fund for about 60,000 residents of old and new compounds on the south bank of the Yangtze. ' +
          'Residents raise needs and shape how the money is used; enterprises and social organizations bring resources; ' +
          'the street office verifies and co-signs. Every yuan in and out is on the public ledger.',
      }),
    );
    const hoods = await em.save(
      [
        { name: 'Old Street Compound (老街小区)', kind: NeighborhoodKind.OLD },
        { name: 'Shipyard Workers’ Dormitories (船厂宿舍)', kind: NeighborhoodKind.OLD },
        { name: 'Riverside New Town (滨江新城)', kind: NeighborhoodKind.NEW },
        { name: 'Yangtze View Gardens (江景花园)', kind: NeighborhoodKind.NEW },
      ].map((n) => em.create(Neighborhood, { ...n, fundId: fund.id })),
    );
    const org = (name: string, type: OrganizationType, verified: boolean, description: string) =>
      em.create(Organization, { name, type, verified, description, verifiedAt: verified ? new Date() : null });
    const [streetOffice, logistics, socialWork] = await em.save([
      org(
        'Danzishi Street Office',
        OrganizationType.GOVERNMENT,
        true,
        'The sub-district government of Danzishi Street.',
      ),
      org(
        'Chongqing Riverside Logistics Co.',
        OrganizationType.ENTERPRISE,
        true,
        'A logistics company with 2,000 staff in the area.',
      ),
      org(
        'Danzishi Social Work Service Centre',
        OrganizationType.SOCIAL_ORGANIZATION,
        true,
        'Registered social-work agency serving elders and families.',
      ),
      org('Nan’an Corner Bakery', OrganizationType.ENTERPRISE, false, 'A family bakery; verification pending.'),
      org(
        'Neighbourhood Elders Volunteer Group',
        OrganizationType.SOCIAL_ORGANIZATION,
        false,
        'Retired residents who help neighbours; verification pending.',
      ),
      org(
        'Tongyuanju Community Committee',
        OrganizationType.GOVERNMENT,
        false,
        'Awaiting verification by the street office.',
      ),
    ]);
    const user = (email: string, role: Role, displayName: string, neighborhoodId: string | null = null) =>
      em.create(User, { email, role, displayName, passwordHash, neighborhoodId });
    const [admin, gov, enterprise, ngo, resident, resident2] = await em.save(
      DEMO_ACCOUNTS.map((a, i) =>
        user(a.email, a.role, a.displayName, a.role === Role.RESIDENT ? (hoods[i === 4 ? 0 : 2]?.id ?? null) : null),
      ),
    );
    const neighbours = await em.save(
      ['Uncle Huang', 'Ms. Deng', 'Mr. Tan', 'Auntie Zhao'].map((name, i) =>
        user(`neighbour${i + 1}@danzishi.example`, Role.RESIDENT, name, hoods[i % hoods.length]?.id ?? null),
      ),
    );
    await em.save([
      member(em, gov!, streetOffice!),
      member(em, enterprise!, logistics!),
      member(em, ngo!, socialWork!),
    ]);
    return {
      fundId: fund.id,
      oldStreet: hoods[0]!.id,
      riverside: hoods[2]!.id,
      userIds: {
        admin: admin!.id,
        gov: gov!.id,
        ngo: ngo!.id,
        resident: resident!.id,
        resident2: resident2!.id,
        enterprise: enterprise!.id,
      },
      logisticsId: logistics!.id,
      neighbourIds: neighbours.map((n) => n.id),
    };
  });

  const actor = async (id: string): Promise<Actor> => (await loadActor(ds.manager, id))!;
  const [admin, gov, ngo, resident, resident2, enterprise] = await Promise.all(
    [
      ids.userIds.admin,
      ids.userIds.gov,
      ids.userIds.ngo,
      ids.userIds.resident,
      ids.userIds.resident2,
      ids.userIds.enterprise,
    ].map(actor),
  );
  const neighbours = await Promise.all(ids.neighbourIds.map(actor));
  const voters = [resident!, resident2!, ...neighbours];
  const { needs, proposals, comments, sponsorships, partnerships, bids, campaigns, disbursements } = services;

  const lift = await needs.create(resident!, {
    fundId: ids.fundId,
    neighborhoodId: ids.oldStreet,
    title: 'The lift in building 3 has been broken for a year',
    description:
      'Building 3 of the Old Street Compound has seven floors and forty households, many of them over seventy. ' +
      'The lift stopped last winter and the property company says there is no money to fix it.',
    category: Category.PROPERTY_SERVICES,
  });
  const canteen = await needs.create(resident2!, {
    fundId: ids.fundId,
    neighborhoodId: ids.oldStreet,
    title: 'A community canteen for elders who live alone',
    description:
      'Many elders in the old compounds cook for themselves or skip meals. A low-cost lunch canteen would help.',
    category: Category.ELDERLY_CARE,
  });
  const homework = await needs.create(resident2!, {
    fundId: ids.fundId,
    neighborhoodId: ids.riverside,
    title: 'After-school homework club for children of working parents',
    description: 'Both parents work late in many Riverside New Town families; children wait alone until 8 pm.',
    category: Category.YOUTH_EDUCATION,
  });
  const riverbank = await needs.create(neighbours[0]!, {
    fundId: ids.fundId,
    title: 'Clean up the riverbank steps below the compound',
    description: 'Litter collects on the steps down to the Yangtze after every weekend; volunteers could help monthly.',
    category: Category.ENVIRONMENT,
  });
  const rampNeed = await needs.create(neighbours[1]!, {
    fundId: ids.fundId,
    title: 'Wheelchair ramp at the community health station',
    description: 'The health station entrance has five steps and no ramp; wheelchair users cannot get in on their own.',
    category: Category.DISABILITY_SUPPORT,
  });
  for (const v of voters.slice(1, 5)) await needs.support(v, lift.id);
  for (const v of voters.slice(0, 3)) await needs.support(v, canteen.id);
  await needs.support(resident!, homework.id);

  // APPROVED: the canteen went through consultation and the street office approved it.
  const canteenProposal = await proposals.create(admin!, {
    fundId: ids.fundId,
    needId: canteen.id,
    title: 'Elders’ lunch canteen at the Old Street community centre',
    summary: 'Fit out the community centre kitchen and serve a 10-yuan lunch to elders five days a week for a year.',
    body:
      'Kitchen equipment, hygiene certification, a part-time cook and volunteer servers. Elders over 70 pay 10 yuan; ' +
      'the fund covers the rest. Operated by a social organization chosen by open bidding.',
    category: Category.ELDERLY_CARE,
    budgetMinor: 18_000_000, // 180,000.00 yuan
  });
  await proposals.openConsultation(admin!, canteenProposal.id, new Date(Date.now() + 14 * DAY));
  for (const v of voters)
    await proposals.castVote(v, canteenProposal.id, v === neighbours[3] ? VoteChoice.OPPOSE : VoteChoice.SUPPORT);
  const canteenComment = await comments.add(resident2!, {
    proposalId: canteenProposal.id,
    body: 'My grandmother would go every day. Could it also deliver to those who cannot walk down the stairs?',
  });
  await comments.add(admin!, {
    proposalId: canteenProposal.id,
    parentId: canteenComment.id,
    body: 'Good point — we will ask bidders to include a delivery option for the top floors.',
  });
  await proposals.decide(
    gov!,
    canteenProposal.id,
    ProposalDecision.APPROVE,
    'Strong support in consultation; approved.',
  );

  // CONSULTATION: the lift, open for comments and votes.
  const liftProposal = await proposals.create(ngo!, {
    fundId: ids.fundId,
    needId: lift.id,
    title: 'Repair the building 3 lift and set up a residents’ maintenance fund',
    summary: 'Repair the lift now and start a small monthly maintenance fund so it does not stand broken again.',
    body:
      'A certified contractor replaces the traction motor and control board (quote: 96,000 yuan). Households agree on a ' +
      '20-yuan monthly maintenance contribution, matched by the fund for the first year. The Social Work Centre runs the ' +
      'residents’ meetings.',
    category: Category.PROPERTY_SERVICES,
    budgetMinor: 12_000_000, // 120,000.00 yuan
  });
  await proposals.openConsultation(ngo!, liftProposal.id, new Date(Date.now() + 21 * DAY));
  for (const v of voters.slice(0, 4)) await proposals.castVote(v, liftProposal.id, VoteChoice.SUPPORT);
  await proposals.castVote(voters[4]!, liftProposal.id, VoteChoice.OPPOSE);
  const first = await comments.add(resident!, {
    proposalId: liftProposal.id,
    body: 'I live on the sixth floor and have not been downstairs since March. Please fix it before winter.',
  });
  await comments.add(ngo!, {
    proposalId: liftProposal.id,
    parentId: first.id,
    body: 'Thank you, Grandma Liu. If approved, the contractor can start within three weeks of the award.',
  });
  const waiverComment = await comments.add(neighbours[2]!, {
    proposalId: liftProposal.id,
    body: 'Twenty yuan a month is fine for us, but some pensioners may need it waived.',
  });

  // Riverside Logistics pledged money to the canteen; the fund accepted it and the money arrived.
  const pledge = await sponsorships.propose(enterprise!, {
    proposalId: canteenProposal.id,
    kind: SponsorshipKind.FUNDS,
    amountMinor: 5_000_000, // 50,000.00 yuan
    description: 'Kitchen equipment and the first six months of ingredients.',
  });
  await sponsorships.respond(gov!, pledge.id, true, 'Thank you — accepted for the canteen fit-out.');
  await sponsorships.recordPayment(admin!, pledge.id);
  // ...and offers lift parts from its warehouse, still awaiting the fund's answer.
  await sponsorships.propose(enterprise!, {
    proposalId: liftProposal.id,
    kind: SponsorshipKind.IN_KIND,
    amountMinor: 800_000, // estimated 8,000.00 yuan
    description: 'A spare traction motor from our warehouse lifts, delivered and installed by our technicians.',
  });
  const strategic = await partnerships.propose(admin!, {
    fundId: ids.fundId,
    organizationId: ids.logisticsId,
    title: 'Riverside Logistics community partnership 2026–2027',
    commitments:
      'Matching staff donations one to one, lending vans for community events, and 200 volunteer hours a year.',
    startsOn: new Date(),
    endsOn: new Date(Date.now() + 365 * DAY),
  });
  await partnerships.respond(enterprise!, strategic.id, true);

  // BIDDING: the riverbank clean-up, approved and open for social organizations' bids.
  const cleanUp = await proposals.create(admin!, {
    fundId: ids.fundId,
    needId: riverbank.id,
    title: 'Monthly riverbank clean-up with resident volunteers',
    summary:
      'A social organization runs a monthly clean-up of the riverbank steps for a year, with tools and insurance.',
    body: 'Twelve Saturday clean-ups, litter pickers and gloves, volunteer insurance, and a sign-up sheet at each compound gate.',
    category: Category.ENVIRONMENT,
    budgetMinor: 2_400_000, // 24,000.00 yuan
  });
  await proposals.openConsultation(admin!, cleanUp.id, new Date(Date.now() + 7 * DAY));
  for (const v of voters.slice(0, 3)) await proposals.castVote(v, cleanUp.id, VoteChoice.SUPPORT);
  await proposals.decide(gov!, cleanUp.id, ProposalDecision.APPROVE, 'Approved; open for bids.');
  await proposals.openBidding(admin!, cleanUp.id, new Date(Date.now() + 10 * DAY));
  await bids.submit(ngo!, {
    proposalId: cleanUp.id,
    amountMinor: 2_100_000,
    plan: 'Our social workers recruit twenty resident volunteers per compound and run the twelve clean-ups with the property companies.',
    durationDays: 365,
  });

  // Online fundraising for the canteen: a campaign with a few gifts, each on the ledger.
  const lunch = await campaigns.create(admin!, {
    fundId: ids.fundId,
    proposalId: canteenProposal.id,
    title: 'Lunch for our elders',
    description:
      'Every 100 yuan pays for ten lunches at the Old Street canteen. Every gift appears on the public ledger.',
    goalMinor: 10_000_000, // 100,000.00 yuan
    endsAt: new Date(Date.now() + 30 * DAY),
  });
  const gifts: Array<[Actor | null, number, string | null]> = [
    [resident!, 200_000, 'Grandma Liu'],
    [resident2!, 100_000, 'Xiao Zhang'],
    [null, 50_000, null],
    [neighbours[2]!, 500_000, 'Mr. Tan'],
  ];
  for (const [i, [donor, amountMinor, displayName]] of gifts.entries()) {
    await campaigns.donate(donor, {
      campaignId: lunch.id,
      amountMinor,
      displayName,
      anonymous: displayName === null,
      idempotencyKey: `seed-lunch-${i}`,
    });
  }

  // IN_PROGRESS: the wheelchair ramp went through consultation and bidding (which closed yesterday),
  // was awarded to the Social Work Centre, reported progress, and received a first payment
  // requested by the secretariat and approved by the street office.
  const earlier = new Date(Date.now() - 20 * DAY);
  const ramp = await proposals.create(admin!, {
    fundId: ids.fundId,
    needId: rampNeed.id,
    title: 'A wheelchair ramp and handrail at the health station',
    summary:
      'Build a ramp with a handrail at the community health station entrance so wheelchair users can enter alone.',
    body: 'A 1:12 concrete ramp with handrails on both sides, a level landing, and a tactile strip, to the national standard.',
    category: Category.DISABILITY_SUPPORT,
    budgetMinor: 4_000_000, // 40,000.00 yuan
  });
  await proposals.openConsultation(admin!, ramp.id, new Date(earlier.getTime() + 7 * DAY), earlier);
  await proposals.decide(gov!, ramp.id, ProposalDecision.APPROVE, 'Approved: accessibility is a priority.');
  await proposals.openBidding(admin!, ramp.id, new Date(Date.now() - DAY), earlier);
  const rampBid = await bids.submit(
    ngo!,
    {
      proposalId: ramp.id,
      amountMinor: 3_600_000,
      plan: 'We hire a certified builder, consult wheelchair users on the design, and supervise the works for six weeks.',
      durationDays: 60,
    },
    earlier,
  );
  await bids.award(admin!, rampBid.id);
  await proposals.postProgress(
    ngo!,
    ramp.id,
    'Design agreed with three wheelchair users; the builder starts on Monday.',
    30,
  );
  const firstPayment = await disbursements.request(admin!, {
    proposalId: ramp.id,
    amountMinor: 1_500_000, // 15,000.00 yuan
    memo: 'First instalment: materials and the first two weeks of works',
  });
  await disbursements.approve(gov!, firstPayment.id);

  // DRAFT: the homework club, still being written by the Social Work Centre.
  await proposals.create(ngo!, {
    fundId: ids.fundId,
    needId: homework.id,
    title: 'Riverside homework club',
    summary: 'Weekday after-school homework help for 30 children, run by social workers and student volunteers.',
    body: 'Draft: venue to be agreed with the Riverside New Town property company.',
    category: Category.YOUTH_EDUCATION,
    budgetMinor: 4_500_000, // 45,000.00 yuan
  });

  // --- Meetings (issue 5, offline channel): one upcoming consultation on the lift, one past symposium with minutes. ---
  {
    const { meetings } = services;
    const liftMeeting = await meetings.schedule(gov!, {
      fundId: ids.fundId,
      proposalId: liftProposal.id,
      kind: MeetingKind.PUBLIC_CONSULTATION,
      title: 'Public consultation on the building 3 lift',
      description: 'The contractor explains the repair; residents discuss the monthly maintenance contribution.',
      location: 'Old Street Compound community hall, ground floor',
      startsAt: new Date(Date.now() + 5 * DAY),
      endsAt: new Date(Date.now() + 5 * DAY + 2 * 60 * 60 * 1000),
    });
    await meetings.rsvp(resident!, liftMeeting.id, RsvpResponse.GOING);
    await meetings.rsvp(resident2!, liftMeeting.id, RsvpResponse.MAYBE);
    const pastStart = new Date(Date.now() - 8 * DAY);
    const canteenMeeting = await meetings.schedule(
      admin!,
      {
        fundId: ids.fundId,
        proposalId: canteenProposal.id,
        kind: MeetingKind.SYMPOSIUM,
        title: 'Elders’ canteen symposium',
        location: 'Danzishi Street Office, meeting room 2',
        startsAt: pastStart,
      },
      new Date(pastStart.getTime() - 7 * DAY),
    );
    await meetings.rsvp(resident2!, canteenMeeting.id, RsvpResponse.GOING, new Date(pastStart.getTime() - DAY));
    await meetings.publishMinutes(
      admin!,
      canteenMeeting.id,
      'Twenty-three residents attended. Lunch at 12 yuan with a subsidy for those over 80 was agreed; the menu will ' +
        'be softer and less salty; volunteers will deliver to elders who cannot come down.',
    );
    await meetings.recordAssistedFeedback(admin!, {
      meetingId: canteenMeeting.id,
      residentId: neighbours[0]!.user.id,
      body: 'Written on the sign-in sheet: please open the canteen on Saturdays as well.',
    });
  }

  // --- Participation (issue 5): feedback answered and not, a revision citing residents, a reported comment. ---
  {
    const { feedback, revisions } = services;
    const lamp = await feedback.submit(resident!, {
      fundId: ids.fundId,
      body: 'The street lamp by the Old Street Compound gate has been out for two weeks. It is very dark at night.',
    });
    const handrail = await feedback.submit(resident2!, {
      fundId: ids.fundId,
      proposalId: liftProposal.id,
      body: 'Could the lift repair also add a handrail in the lobby? Several neighbours use walking sticks.',
    });
    const notices = await feedback.submit(neighbours[1]!, {
      fundId: ids.fundId,
      body: 'Please also post meeting notices on the bulletin board by the bus stop, not only online.',
    });
    // Back-date them so the responsiveness figures look like a fund at work for a while.
    await ds.query(`UPDATE feedback SET created_at = now() - interval '3 days' WHERE id = ANY($1)`, [
      [lamp.id, handrail.id],
    ]);
    await ds.query(`UPDATE feedback SET created_at = now() - interval '9 days' WHERE id = $1`, [notices.id]);
    await feedback.respond(gov!, lamp.id, FeedbackStatus.ACKNOWLEDGED, 'Reported to the district lighting team.');
    await feedback.respond(
      gov!,
      lamp.id,
      FeedbackStatus.ADDRESSED,
      'The lamp was replaced on Tuesday evening. Thank you for telling us.',
    );
    await feedback.respond(
      admin!,
      handrail.id,
      FeedbackStatus.ACKNOWLEDGED,
      'Good idea: we have asked the contractor to price a lobby handrail.',
    );
    await revisions.revise(ngo!, {
      proposalId: liftProposal.id,
      body:
        'A certified contractor replaces the traction motor and control board (quote: 96,000 yuan) and fits a handrail ' +
        'in the lobby. Households agree on a 20-yuan monthly maintenance contribution, waived for pensioners on the ' +
        'minimum allowance and matched by the fund for the first year. The Social Work Centre runs the residents’ meetings.',
      reason:
        'Residents asked for a lobby handrail and for the contribution to be waived for pensioners on low incomes.',
      citedCommentIds: [waiverComment.id],
      citedFeedbackIds: [handrail.id],
    });
    const rude = await comments.add(neighbours[3]!, {
      proposalId: liftProposal.id,
      body: 'Whoever broke the lift should pay for it, not us. Typical of that lazy family on floor 2.',
    });
    await comments.report(resident!, rude.id, 'Insults a family in the building');
    await comments.report(resident2!, rude.id, 'Personal attack');
  }

  // What the verified demo organizations offer, declared last so seeding sends no matching notifications:
  // matching ranks them for the needs and proposals above.
  await services.matching.declareOffer(enterprise!, {
    organizationId: ids.logisticsId,
    categories: [Category.ELDERLY_CARE, Category.ENVIRONMENT, Category.EMERGENCY_RELIEF],
    kinds: [SponsorshipKind.FUNDS, SponsorshipKind.SERVICES],
    neighborhoodIds: [],
    yearlyBudgetMinMinor: 1_000_000,
    yearlyBudgetMaxMinor: 50_000_000,
    currency: 'CNY',
  });
  await services.matching.declareOffer(ngo!, {
    organizationId: ngo!.membership!.organizationId,
    categories: [
      Category.ELDERLY_CARE,
      Category.YOUTH_EDUCATION,
      Category.DISABILITY_SUPPORT,
      Category.PROPERTY_SERVICES,
    ],
    kinds: [],
    neighborhoodIds: [ids.oldStreet, ids.riverside],
    yearlyBudgetMinMinor: null,
    yearlyBudgetMaxMinor: null,
    currency: null,
  });
  return true;
}

function member(em: EntityManager, user: User, organization: Organization): Membership {
  return em.create(Membership, { userId: user.id, organizationId: organization.id, status: MembershipStatus.APPROVED });
}
