package org.tumen.korea;

import java.util.List;

/** Why a transition happened. Codes are stable: they appear in the events log. */
final class KCause {
  static final int CROSSED = 0;
  static final int CAPTURED_AT_BORDER = 1;
  static final int DIED_CROSSING = 2;
  static final int TURNED_BACK = 3;
  static final int ARRESTED = 4;
  static final int ARRESTED_MOVING = 5;
  static final int BRIBE_RELEASE = 6;
  static final int REPATRIATED = 7;
  static final int UNHCR_CLAIM = 8;
  static final int UNHCR_RESETTLED = 9;
  static final int UNHCR_REJECTED = 10;
  static final int MOVED = 11;
  static final int BROKER_DEPARTURE = 12;
  static final int ARRESTED_IN_TRANSIT = 13;
  static final int REACHED_THIRD_COUNTRY = 14;
  static final int RETURNED_TO_CHINA = 15;
  static final int FLOWN_TO_SOUTH_KOREA = 16;
  static final int MISSION_ENTRY = 17;
  static final int ARRESTED_AT_MISSION_GATE = 18;
  static final int MISSION_EXIT = 19;
  static final int RETURNED_HOME = 20;
  static final int DIED = 21;
  static final int SENTENCED_RELEASE = 22;
  static final int SENTENCED_LABOUR_TRAINING = 23;
  static final int SENTENCED_KYOHWASO = 24;
  static final int SENTENCED_KWANLISO = 25;
  static final int EXECUTED = 26;
  static final int RELEASED = 27;
  static final int DIED_IN_DETENTION = 28;
  static final int ENTERED_CAMP = 29;
  static final int LEFT_CAMP = 30;
  static final int REPATRIATED_FROM_CAMP = 31;

  static final List<String> NAMES = List.of("crossed", "captured_at_border", "died_crossing", "turned_back_by_china",
      "arrested", "arrested_while_moving", "bribe_release", "repatriated", "unhcr_claim", "unhcr_resettled",
      "unhcr_rejected", "moved", "broker_departure", "arrested_in_transit", "reached_third_country",
      "returned_to_china", "flown_to_south_korea", "mission_entry", "arrested_at_mission_gate", "mission_exit",
      "returned_home", "died", "sentenced_release", "sentenced_labour_training", "sentenced_kyohwaso",
      "sentenced_kwanliso", "executed", "released", "died_in_detention", "entered_border_camp", "left_border_camp",
      "repatriated_from_camp");

  private KCause() {}
}
