package org.tumen.korea;

import static org.tumen.scenario.Unit.DAYS;
import static org.tumen.scenario.Unit.ELASTICITY;
import static org.tumen.scenario.Unit.KM;
import static org.tumen.scenario.Unit.KM_PER_DAY;
import static org.tumen.scenario.Unit.MULTIPLIER;
import static org.tumen.scenario.Unit.PEOPLE;
import static org.tumen.scenario.Unit.PER_YEAR;
import static org.tumen.scenario.Unit.PROBABILITY;
import static org.tumen.scenario.Unit.SHARE;
import static org.tumen.scenario.Unit.USD;

import java.util.ArrayList;
import java.util.List;
import org.tumen.scenario.ParameterSpec;
import org.tumen.scenario.Unit;

/**
 * The numbers the Korea rules read, by index into the compiled {@link org.tumen.scenario.Schedule}. The
 * values themselves live only in the scenario files; this is the schema, with what each number means.
 */
final class P {
  static final List<ParameterSpec> SPECS = new ArrayList<>();

  private static int p(String name, Unit unit, String meaning) {
    SPECS.add(new ParameterSpec(name, unit, meaning));
    return SPECS.size() - 1;
  }

  // Who lives at home
  static final int SHARE_CORE = p("population.share_core", SHARE, "share of the population in the core class (songbun)");
  static final int SHARE_WAVERING = p("population.share_wavering", SHARE, "share in the wavering class");
  static final int SHARE_HOSTILE = p("population.share_hostile", SHARE, "share in the hostile class");

  // Crossing the Tumen and Yalu
  static final int CROSS_BASE = p("crossing.base_rate", PER_YEAR, "crossing hazard of a working-age wavering-class man living at a crossing point, at push 1");
  static final int CROSS_PUSH = p("crossing.push", MULTIPLIER, "economic push on crossing (1 = ordinary times; famine and shocks multiply it)");
  static final int CROSS_DISTANCE = p("crossing.distance_scale_km", KM, "the crossing hazard falls as exp(-km to the nearest crossing point / this scale)");
  static final int CROSS_FEMALE = p("crossing.female_ratio", MULTIPLIER, "women's crossing hazard relative to men's");
  static final int CROSS_CHILD = p("crossing.child_factor", MULTIPLIER, "children's (0-14) crossing hazard relative to working age");
  static final int CROSS_ELDERLY = p("crossing.elderly_factor", MULTIPLIER, "the elderly's (65+) crossing hazard relative to working age");
  static final int CROSS_CORE = p("crossing.core_factor", MULTIPLIER, "core class crossing hazard relative to wavering");
  static final int CROSS_HOSTILE = p("crossing.hostile_factor", MULTIPLIER, "hostile class crossing hazard relative to wavering");
  static final int CROSS_CHAIN = p("crossing.chain_per_1000", MULTIPLIER, "added crossing hazard (as a fraction) per 1,000 people already arrived in South Korea (remittances pay brokers)");
  static final int CROSS_POLITICAL = p("crossing.political_share", PROBABILITY, "chance a crosser's motive is political rather than economic");
  static final int CROSS_POLITICAL_HOSTILE = p("crossing.political_hostile_factor", MULTIPLIER, "that chance for the hostile class, relative to the others");
  static final int GUARD = p("crossing.guard_intensity", MULTIPLIER, "North Korean border guard and secret-police intensity (1 = the 1990s level)");
  static final int GUARD_DETERRENCE = p("crossing.guard_deterrence", ELASTICITY, "elasticity of the crossing hazard to guard intensity (hazard x intensity^-e)");
  static final int GUARD_FLOOR = p("crossing.deterrence_floor", MULTIPLIER, "guard intensity below which guards deter no further (bounds the deterrence term when guards vanish)");
  static final int CAPTURE = p("crossing.capture_probability", PROBABILITY, "chance North Korean guards catch a crosser at the river, at guard intensity 1");
  static final int CROSS_DEATH = p("crossing.death_probability", PROBABILITY, "chance of dying at the crossing (drowning, shooting)");
  static final int RECROSS = p("crossing.recross_rate", PER_YEAR, "crossing hazard of a returnee released home, at push 1 (before deterrence)");
  static final int TURN_BACK = p("crossing.china_turn_back_probability", PROBABILITY, "chance Chinese border forces turn a crosser back at the river (a collapse response)");
  static final int CAMP_CAPACITY = p("crossing.camp_capacity", PEOPLE, "places in Chinese border camps (a collapse response; 0 = no camps)");

  // Hiding in China
  static final int ARREST_BORDER = p("hiding.arrest_rate_border", PER_YEAR, "arrest hazard of a person hiding in a border prefecture");
  static final int ARREST_INLAND = p("hiding.arrest_rate_inland", PER_YEAR, "arrest hazard of a person hiding in an inland city");
  static final int ENFORCEMENT = p("hiding.enforcement", MULTIPLIER, "Chinese enforcement intensity (crackdowns multiply it)");
  static final int INTEGRATE_F = p("hiding.integration_rate_female", PER_YEAR, "hazard that a woman becomes integrated (e.g. married into a Chinese household)");
  static final int INTEGRATE_M = p("hiding.integration_rate_male", PER_YEAR, "hazard that a man becomes integrated (steady work and protection)");
  static final int INTEGRATED_ARREST = p("hiding.integrated_arrest_factor", MULTIPLIER, "arrest hazard of an integrated person relative to others");
  static final int MOVE = p("hiding.move_rate", PER_YEAR, "hazard of moving to another Chinese place");
  static final int MOVE_ARREST = p("hiding.move_arrest_probability", PROBABILITY, "chance of arrest during a move (checkpoints, trains)");
  static final int RETURN_HOME = p("hiding.return_home_rate", PER_YEAR, "hazard of going home of one's own accord (economic migrants)");
  static final int MORTALITY = p("hiding.mortality", PER_YEAR, "death hazard outside detention");

  // Brokers and the underground railroad
  static final int SEEK = p("brokers.seek_rate", PER_YEAR, "hazard of leaving with a broker for a person with a contact in South Korea, at the reference fee");
  static final int NO_CONTACT = p("brokers.no_contact_factor", MULTIPLIER, "broker hazard without a contact in South Korea, relative to with one");
  static final int CONTACT_RATE = p("brokers.contact_rate_per_1000", PER_YEAR, "hazard of gaining a contact in South Korea, per 1,000 people already arrived there");
  static final int FEE = p("brokers.fee_usd", USD, "broker fee for the whole escape, USD");
  static final int FEE_REFERENCE = p("brokers.fee_reference_usd", USD, "fee at which brokers.seek_rate applies");
  static final int FEE_ELASTICITY = p("brokers.fee_elasticity", ELASTICITY, "broker hazard x (reference fee / effective fee)^elasticity");
  static final int FINE = p("brokers.helper_fine_usd", USD, "fine on a Chinese helper caught assisting North Koreans, USD");
  static final int FINE_PASS = p("brokers.fine_pass_through", MULTIPLIER, "share of the expected fine (fine x chance a party is caught) brokers add to the fee");

  // Routes out of China
  static final int W_MONGOLIA = p("transit.weight_mongolia", MULTIPLIER, "relative choice of the Mongolia route (0 = closed)");
  static final int W_LAOS = p("transit.weight_laos", MULTIPLIER, "relative choice of the Laos-Thailand route (0 = closed)");
  static final int W_VIETNAM = p("transit.weight_vietnam", MULTIPLIER, "relative choice of the Vietnam route (0 = closed)");
  static final int SPEED = p("transit.speed_km_per_day", KM_PER_DAY, "travel speed with a broker across China");
  static final int TRANSIT_ARREST = p("transit.arrest_probability", PROBABILITY, "chance a broker party is caught on the way through China, at enforcement 1");
  static final int WAIT_THAILAND = p("transit.thailand_wait_days", DAYS, "mean days in Thailand (immigration detention) before the flight to Seoul");
  static final int WAIT_MONGOLIA = p("transit.mongolia_wait_days", DAYS, "mean days in Mongolia before transfer to Seoul");
  static final int WAIT_VIETNAM = p("transit.vietnam_wait_days", DAYS, "mean days in Vietnam before transfer to Seoul");
  static final int RETURN_LAOS = p("transit.laos_return_probability", PROBABILITY, "chance Laos sends a person back to China");
  static final int RETURN_VIETNAM = p("transit.vietnam_return_probability", PROBABILITY, "chance Vietnam sends a person back to China");

  // Diplomatic missions
  static final int MISSION_RATE = p("missions.attempt_rate", PER_YEAR, "hazard of trying to enter a diplomatic mission");
  static final int GATE_FAIL = p("missions.gate_failure_probability", PROBABILITY, "chance an attempt fails at the gate and ends in arrest");
  static final int MISSION_WAIT = p("missions.wait_days", DAYS, "mean days inside a mission before leaving via a third country");

  // Arrest in China: bribes, the North's knowledge, repatriation
  static final int BRIBE_PRICE = p("arrest.bribe_price_usd", USD, "price of release, USD");
  static final int BRIBE_REFERENCE = p("arrest.bribe_reference_usd", USD, "price at which arrest.bribe_pay_probability applies");
  static final int BRIBE_PAY = p("arrest.bribe_pay_probability", PROBABILITY, "chance an arrested person (or their contacts) can pay the reference price");
  static final int BRIBE_ELASTICITY = p("arrest.bribe_price_elasticity", ELASTICITY, "chance of paying x (reference / price)^elasticity");
  static final int BRIBE_ACCEPT = p("arrest.bribe_acceptance", PROBABILITY, "chance the official takes the money");
  static final int NK_LEARNS = p("arrest.nk_learns_probability", PROBABILITY, "chance North Korea learns of an ordinary case, after which China must repatriate");
  static final int NK_LEARNS_POLITICAL = p("arrest.nk_learns_political_probability", PROBABILITY, "the same for a political case (mission, third country, political motive)");
  static final int DETENTION = p("arrest.detention_days", DAYS, "days in Chinese detention before repatriation");

  // UNHCR review (a counterfactual: off in history)
  static final int UNHCR_ACCESS = p("unhcr.access_probability", PROBABILITY, "chance an arrested North Korean gets a UNHCR review instead of repatriation");
  static final int UNHCR_DAYS = p("unhcr.review_days", DAYS, "days of review, staying in China meanwhile");
  static final int UNHCR_RECOGNISED = p("unhcr.recognition_probability", PROBABILITY, "chance the review recognises the claim and resettles the person");

  // North Korea: interrogation, punishment, detention deaths
  static final int INTERROGATION = p("nk.interrogation_days", DAYS, "days of questioning after return (jipkyulso)");
  static final int HELPER_SHARE = p("nk.helper_share", PROBABILITY, "chance a returnee is charged with helping others escape");
  static final int DEATH_INTERROGATION = p("nk.mortality_interrogation", PER_YEAR, "death hazard during questioning");
  static final int DEATH_LABOUR = p("nk.mortality_labour_training", PER_YEAR, "death hazard in a labour-training camp");
  static final int DEATH_KYOHWASO = p("nk.mortality_kyohwaso", PER_YEAR, "death hazard in a kyohwaso");
  static final int DEATH_KWANLISO = p("nk.mortality_kwanliso", PER_YEAR, "death hazard in a kwanliso");

  // Chinese border camps (collapse responses)
  static final int CAMP_EXIT = p("camps.exit_rate", PER_YEAR, "hazard of leaving a border camp into hiding");
  static final int CAMP_REPATRIATION = p("camps.repatriation_rate", PER_YEAR, "hazard of being repatriated from a border camp");

  static final int COUNT = SPECS.size();

  static List<String> names() {
    return SPECS.stream().map(ParameterSpec::name).toList();
  }

  private P() {}
}
