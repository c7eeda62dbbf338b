package io.labelhub.dm.api;

/** A membership as stored after it was put, and whether the user was not a member before. */
public record MemberChange(Member member, boolean added) {
}
